// Every session after a risk flag was raised on the course carries the risk review (shared
// safety/risk-review.ts, [S25l][S25m]); "Sign and lock" is refused with 422 naming it until it is
// ticked or answered. Sessions before the flag, and courses without one, are signed as before.
import { endpointPath, endpoints, RISK_REVIEW_NEEDED } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import { asSession, therapistWithCourse, type Clinician } from "../../test/helpers/clinical";
import { followedUp, heldSession, noShowSession, recordPhq9 } from "../../test/helpers/measures";

const { app, prisma } = await createTestApp();

const sign = (who: Clinician, sessionId: string, version: number) =>
  who.post(endpointPath(endpoints.sessions.sign, { sessionId }), { version });
const update = (who: Clinician, sessionId: string, body: object) =>
  who.patch(endpointPath(endpoints.sessions.update, { sessionId }), body);
const read = async (who: Clinician, sessionId: string) =>
  asSession(await who.get(endpointPath(endpoints.sessions.get, { sessionId })));

/** A course with sessions 1–3 held and a PHQ-9 item 9 of 1 at session 2 (followed up). */
async function flaggedAtSession2() {
  const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
  const first = await heldSession(therapist, course, 1);
  const second = await heldSession(therapist, course, 2);
  const third = await heldSession(therapist, course, 3);
  const { riskFlag } = await recordPhq9(therapist, course.id, second.id, 12, 1);
  await followedUp(therapist, riskFlag!.id);
  return { therapist, course, first, second, third };
}

describe("the risk review before signing", () => {
  it("a session after the flag carries it; signing is refused (422 naming risk_review) and changes nothing", async () => {
    const { therapist, third } = await flaggedAtSession2();
    const session = await read(therapist, third.id);
    expect(session.riskReview).toMatchObject({
      required: true,
      done: false,
      note: "",
      sources: ["S25l", "S25m"],
    });

    const error = expectApiError(await sign(therapist, session.id, session.version), 422, "rule_unmet");
    expect(error.message).toBe("This session cannot be signed until the risk review is recorded.");
    expect(error.fields).toEqual([{ field: "risk_review", message: RISK_REVIEW_NEEDED }]);
    const row = await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ signedAt: null, version: session.version });
  });

  it("ticked, the session signs", async () => {
    const { therapist, third } = await flaggedAtSession2();
    const ticked = asSession(
      await update(therapist, third.id, { version: third.version, riskReviewDone: true }),
    );
    expect(ticked.riskReview).toMatchObject({ required: true, done: true });
    const signed = asSession(await sign(therapist, third.id, ticked.version));
    expect(signed.signedAt).not.toBeNull();
  });

  it("answered in a note (a no-show after the flag), the session signs; a blank note does not count", async () => {
    const { therapist, course } = await flaggedAtSession2();
    const fourth = await noShowSession(therapist, course, 4);
    const blank = asSession(
      await update(therapist, fourth.id, { version: fourth.version, riskReviewNote: "   " }),
    );
    expect(
      fieldNames(expectApiError(await sign(therapist, fourth.id, blank.version), 422, "rule_unmet")),
    ).toEqual(["risk_review"]);
    const answered = asSession(
      await update(therapist, fourth.id, {
        version: blank.version,
        riskReviewNote: "Did not attend: phoned the same day, left a message with the crisis line number.",
      }),
    );
    expect(answered.riskReview.note).toMatch(/^Did not attend/);
    expect(asSession(await sign(therapist, fourth.id, answered.version)).signedAt).not.toBeNull();
  });

  it("sessions before and at the flag, and a course without one, sign without it", async () => {
    const { therapist, first, second } = await flaggedAtSession2();
    expect((await read(therapist, first.id)).riskReview.required).toBe(false);
    const atFlag = await read(therapist, second.id);
    expect(atFlag.riskReview.required).toBe(false);
    expect(asSession(await sign(therapist, atFlag.id, atFlag.version)).signedAt).not.toBeNull();

    const other = await therapistWithCourse(app, prisma, { phase: "middle" });
    const held = await heldSession(other.therapist, other.course, 3);
    expect(held.riskReview.required).toBe(false);
    expect(asSession(await sign(other.therapist, held.id, held.version)).signedAt).not.toBeNull();
  });

  it("a too-long note is refused with 400 naming the field", async () => {
    const { therapist, third } = await flaggedAtSession2();
    const error = expectApiError(
      await update(therapist, third.id, { version: third.version, riskReviewNote: "x".repeat(2001) }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.riskReviewNote"]);
  });
});
