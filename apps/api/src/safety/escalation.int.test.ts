// Risk flags that escalate to the client's supervisors (shared safety/escalation.ts, [S25l][S25m]):
// a high-risk follow-up, a moderate one without a supervisor informed, or a flag open past the
// settings' deadline shows at the top of the supervisor's cockpit and risk-flag list, and the flag
// cannot be resolved until one of the client's supervisors has acknowledged it.
import {
  cockpitResponse,
  courseMeasures,
  defaultMeasurementSettings,
  defaultServiceSettings,
  defaultSupervisionSettings,
  endpointPath,
  endpoints,
  measurementSettingsResponse,
  riskFlagDetail,
  supervisionRiskFlag,
  supervisionRiskFlagsResponse,
  type SafetyFollowUpRequest,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import { courseFor, ok, signedInAs, therapistWithCourse, type Clinician } from "../../test/helpers/clinical";
import { followedUp, followUpBody, heldSession, recordPhq9, supervisorOf } from "../../test/helpers/measures";

const { app, prisma } = await createTestApp();

const riskFlagsOf = async (supervisor: Clinician) =>
  ok(await supervisor.get(endpointPath(endpoints.supervision.riskFlags)), supervisionRiskFlagsResponse);
const cockpitOf = async (supervisor: Clinician) =>
  ok(await supervisor.get(endpointPath(endpoints.supervision.cockpit)), cockpitResponse);
const acknowledge = (supervisor: Clinician, riskFlagId: string) =>
  supervisor.post(endpointPath(endpoints.supervision.acknowledgeRiskFlag, { riskFlagId }));
const resolve = (therapist: Clinician, riskFlagId: string, version: number) =>
  therapist.post(endpointPath(endpoints.measures.resolveRiskFlag, { riskFlagId }), {
    version,
    reason: "Reassessed with the supervisor; safety plan in place; no current intent.",
  });

/** A supervised therapist's client whose PHQ-9 item 9 was answered 2, followed up with `followUp`. */
async function escalationCase(followUp: Partial<SafetyFollowUpRequest>) {
  const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
  const { supervisor } = await supervisorOf(app, prisma, therapist);
  const session = await heldSession(therapist, course, 1);
  const { riskFlag } = await recordPhq9(therapist, course.id, session.id, 14, 2);
  const flag = await followedUp(therapist, riskFlag!.id, followUpBody(followUp));
  return { therapist, supervisor, course, flag };
}

describe("escalation of a risk flag to the client's supervisors", () => {
  it.each([
    { followUp: { riskLevel: "high" as const }, escalates: ["high_risk"] },
    {
      followUp: { riskLevel: "moderate" as const, supervisorInformed: false },
      escalates: ["supervisor_not_informed"],
    },
    { followUp: { riskLevel: "moderate" as const, supervisorInformed: true }, escalates: [] },
    { followUp: { riskLevel: "low" as const, supervisorInformed: false }, escalates: [] },
  ])("a follow-up with $followUp escalates as $escalates", async ({ followUp, escalates }) => {
    const informed = followUp.supervisorInformed ?? false;
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const { supervisor } = await supervisorOf(app, prisma, therapist);
    const session = await heldSession(therapist, course, 1);
    const { riskFlag } = await recordPhq9(therapist, course.id, session.id, 14, 2);
    const flag = await followedUp(
      therapist,
      riskFlag!.id,
      followUpBody({ ...followUp, ...(informed ? { supervisorId: supervisor.id } : {}) }),
    );

    expect(flag.escalation.reasons.map((reason) => reason.code)).toEqual(escalates);
    expect(flag.escalation.awaitingAcknowledgement).toBe(escalates.length > 0);
    const list = await riskFlagsOf(supervisor);
    expect(list.awaitingAcknowledgement).toBe(escalates.length > 0 ? 1 : 0);
    expect((await cockpitOf(supervisor)).riskFlagsAwaitingAcknowledgement).toBe(escalates.length > 0 ? 1 : 0);
    // Without an escalation the therapist resolves at once.
    if (escalates.length === 0) ok(await resolve(therapist, flag.id, flag.version), riskFlagDetail);
  });

  it("a high-risk flag is resolved only after a supervisor acknowledges it; the therapist sees who and when", async () => {
    const { therapist, supervisor, course, flag } = await escalationCase({ riskLevel: "high" });

    // The supervisor's pages: at the top of the list, counted, and counted on the cockpit.
    const list = await riskFlagsOf(supervisor);
    expect(list.items[0]?.riskFlagId).toBe(flag.id);
    expect(list.items[0]?.escalation.awaitingAcknowledgement).toBe(true);
    expect(list.awaitingAcknowledgement).toBe(1);
    expect((await cockpitOf(supervisor)).riskFlagsAwaitingAcknowledgement).toBe(1);

    // The therapist cannot resolve it yet: 422 naming the missing acknowledgement; nothing changes.
    const refused = expectApiError(await resolve(therapist, flag.id, flag.version), 422, "rule_unmet");
    expect(fieldNames(refused)).toEqual(["supervisor_acknowledgement"]);
    const stored = await prisma.riskFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect([stored.resolvedAt, stored.version]).toEqual([null, flag.version]);

    const acknowledged = ok(await acknowledge(supervisor, flag.id), supervisionRiskFlag);
    expect(acknowledged.escalation.awaitingAcknowledgement).toBe(false);
    expect(acknowledged.escalation.acknowledgedBy?.id).toBe(supervisor.id);
    expect((await riskFlagsOf(supervisor)).awaitingAcknowledgement).toBe(0);
    expect((await cockpitOf(supervisor)).riskFlagsAwaitingAcknowledgement).toBe(0);

    // Audited with ids only.
    const [row] = await auditRows(prisma, { action: "risk_flag.acknowledged" });
    expect(row).toMatchObject({ actorId: supervisor.id, entityType: "risk_flag", entityId: flag.id });
    expect(row?.details).toBeNull();

    // The therapist sees who acknowledged and when, then resolves against the new version.
    const measures = ok(
      await therapist.get(endpointPath(endpoints.measures.get, { courseId: course.id })),
      courseMeasures,
    );
    const seen = measures.riskFlags.find((candidate) => candidate.id === flag.id)!;
    expect(seen.escalation.acknowledgedBy).toEqual({
      id: supervisor.id,
      name: supervisor.name,
      email: supervisor.email,
      external: null,
    });
    expect(seen.escalation.acknowledgedAt).toBe(acknowledged.escalation.acknowledgedAt);
    expectApiError(await resolve(therapist, flag.id, flag.version), 409, "conflict");
    const resolved = ok(await resolve(therapist, flag.id, seen.version), riskFlagDetail);
    expect(resolved.resolvedAt).not.toBeNull();
  });

  it("a new high-risk follow-up after the acknowledgement needs a new one", async () => {
    const { therapist, supervisor, flag } = await escalationCase({ riskLevel: "high" });
    ok(await acknowledge(supervisor, flag.id), supervisionRiskFlag);
    const again = await followedUp(therapist, flag.id, followUpBody({ riskLevel: "high" }));
    expect(again.escalation.awaitingAcknowledgement).toBe(true);
    const refused = expectApiError(await resolve(therapist, flag.id, again.version), 422, "rule_unmet");
    expect(fieldNames(refused)).toEqual(["supervisor_acknowledgement"]);
  });

  it("a flag still open after the settings' days escalates the same way, on the service's calendar", async () => {
    const { therapist, supervisor, flag } = await escalationCase({ riskLevel: "low" });
    expect((await riskFlagsOf(supervisor)).awaitingAcknowledgement).toBe(0);

    // Raised eight days ago (the default deadline is 7 days).
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await prisma.riskFlag.update({ where: { id: flag.id }, data: { raisedAt: eightDaysAgo } });
    const list = await riskFlagsOf(supervisor);
    expect(list.items[0]?.escalation.reasons.map((reason) => reason.code)).toEqual(["open_too_long"]);
    expect(list.awaitingAcknowledgement).toBe(1);
    const refused = expectApiError(await resolve(therapist, flag.id, flag.version), 422, "rule_unmet");
    expect(fieldNames(refused)).toEqual(["supervisor_acknowledgement"]);

    // An admin moves the deadline to 30 days: no escalation any more.
    const admin = await signedInAs(app, prisma, "admin");
    const URL = endpointPath(endpoints.settings.measurement);
    const current = ok(await admin.get(URL), measurementSettingsResponse);
    ok(
      await admin.put(URL, {
        version: current.version,
        settings: defaultMeasurementSettings,
        supervision: defaultSupervisionSettings,
        service: defaultServiceSettings,
        safety: { escalateAfterDays: 30 },
      }),
      measurementSettingsResponse,
    );
    try {
      expect((await riskFlagsOf(supervisor)).awaitingAcknowledgement).toBe(0);
      ok(await resolve(therapist, flag.id, flag.version), riskFlagDetail);
    } finally {
      const saved = ok(await admin.get(URL), measurementSettingsResponse);
      ok(
        await admin.put(URL, {
          version: saved.version,
          settings: saved.settings,
          supervision: saved.supervision,
          service: saved.service,
          safety: saved.safetyDefaults,
        }),
        measurementSettingsResponse,
      );
    }
  });
});

describe("acknowledging a risk flag", () => {
  it("answers 409 when nothing awaits acknowledgement, and for a resolved flag; nothing changes", async () => {
    const { therapist, supervisor, flag } = await escalationCase({ riskLevel: "low" });
    expectApiError(await acknowledge(supervisor, flag.id), 409, "conflict");
    ok(await resolve(therapist, flag.id, flag.version), riskFlagDetail);
    expectApiError(await acknowledge(supervisor, flag.id), 409, "conflict");
    const stored = await prisma.riskFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect([stored.acknowledgedAt, stored.acknowledgedById]).toEqual([null, null]);
  });

  it("a supervisor not assigned to the therapist gets 404, audited as denied; the client's therapist gets 403", async () => {
    const { therapist, flag } = await escalationCase({ riskLevel: "high" });
    const stranger = await signedInAs(app, prisma, "supervisor");
    expectApiError(await acknowledge(stranger, flag.id), 404, "not_found");
    const denied = await auditRows(prisma, { action: "client.access_denied" });
    expect(denied.some((row) => row.actorId === stranger.id && row.entityId === flag.id)).toBe(true);
    expectApiError(await acknowledge(therapist, flag.id), 403, "forbidden");
    const stored = await prisma.riskFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect(stored.acknowledgedAt).toBeNull();
  });
});

describe("the count of flags awaiting acknowledgement", () => {
  it("covers every open flag of every flagged course, as the list does", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const second = await courseFor(therapist, { phase: "middle" });
    const { supervisor } = await supervisorOf(app, prisma, therapist);
    // Two escalated flags on the first course; one escalated and one not on the second.
    const cases = [
      [course, 1, "high"],
      [course, 2, "high"],
      [second, 1, "low"],
      [second, 2, "high"],
    ] as const;
    for (const [target, number, riskLevel] of cases) {
      const session = await heldSession(therapist, target, number);
      const { riskFlag } = await recordPhq9(therapist, target.id, session.id, 14, 2);
      await followedUp(therapist, riskFlag!.id, followUpBody({ riskLevel }));
    }
    const list = await riskFlagsOf(supervisor);
    expect(list.items).toHaveLength(4);
    expect(list.awaitingAcknowledgement).toBe(3);
    expect((await cockpitOf(supervisor)).riskFlagsAwaitingAcknowledgement).toBe(3);
  });
});
