// The client's optional e-mail address (for questionnaire links, decisions/016): validated and stored
// trimmed and lower-cased; audited by field name only; on the therapist's own client record, and on
// none of the views a supervisor reads.
import { clientDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import { courseFor, newClient, ok, sessionNumbered, signedInAs } from "../../../test/helpers/clinical";
import { heldSession, recordPhq9, supervisorOf } from "../../../test/helpers/measures";

const { app, prisma } = await createTestApp();
const EMAIL = "zephyrine.client@example.org";

describe("the client's e-mail address", () => {
  it("is stored trimmed and lower-cased, changed and cleared, and audited by name only", async () => {
    const therapist = await signedInAs(app, prisma);
    const created = ok(
      await therapist.post("/api/clients", {
        displayName: "Client E-1",
        referralReason: "Invented referral",
        email: "  Zephyrine.Client@Example.ORG ",
      }),
      clientDetail,
      201,
    );
    expect(created.email).toBe(EMAIL);
    const changed = ok(
      await therapist.patch(`/api/clients/${created.id}`, {
        version: created.version,
        email: "new@example.org",
      }),
      clientDetail,
    );
    expect(changed.email).toBe("new@example.org");
    const cleared = ok(
      await therapist.patch(`/api/clients/${created.id}`, { version: changed.version, email: null }),
      clientDetail,
    );
    expect(cleared.email).toBeNull();
    const events = await auditRows(prisma, { entityId: created.id, action: "client.updated" });
    expect(events.map((event) => event.details)).toEqual([{ fields: ["email"] }, { fields: ["email"] }]);
    const rows = await prisma.auditEvent.findMany({ where: { entityId: created.id } });
    expect(JSON.stringify(rows.map((row) => [row.details, row.actorLabel]))).not.toContain("example.org");
  });

  it("refuses a malformed or overlong address naming the field, and stores nothing", async () => {
    const therapist = await signedInAs(app, prisma);
    for (const email of ["not an email", "a@b", `${"x".repeat(250)}@example.org`, 42]) {
      const error = expectApiError(
        await therapist.post("/api/clients", {
          displayName: "Client E-2",
          referralReason: "Invented",
          email,
        }),
        400,
        "validation_failed",
      );
      expect(fieldNames(error)).toEqual(["body.email"]);
    }
    expect(await prisma.client.count({ where: { therapistId: therapist.id } })).toBe(0);
  });

  it("never reaches the client's supervisor, on any view they read", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist, { email: EMAIL });
    expect(client.email).toBe(EMAIL);
    const course = await courseFor(therapist, { client, phase: "middle" });
    const held = await heldSession(therapist, course, 1);
    await recordPhq9(therapist, course.id, held.id, 14, 1);
    const { supervisor } = await supervisorOf(app, prisma, therapist);

    const reads = [
      `/api/clients/${client.id}`,
      `/api/courses/${course.id}`,
      `/api/courses/${course.id}/measures`,
      `/api/courses/${course.id}/end-of-treatment-summary`,
      `/api/courses/${course.id}/fidelity`,
      `/api/courses/${course.id}/review-threads`,
      `/api/sessions/${held.id}`,
      `/api/sessions/${sessionNumbered(course, 2).id}`,
      "/api/supervision/cockpit",
      "/api/supervision/risk-flags",
      "/api/supervision/therapists",
    ];
    let answered = 0;
    for (const url of reads) {
      const response = await supervisor.get(url);
      if (response.statusCode === 200) answered += 1;
      expect(response.body, url).not.toContain(EMAIL);
    }
    // The supervisor did read the course's views (only the client record itself is the therapist's).
    expect(answered).toBeGreaterThanOrEqual(reads.length - 1);
    expect((await supervisor.get(`/api/clients/${client.id}`)).statusCode).toBe(403);
  });
});
