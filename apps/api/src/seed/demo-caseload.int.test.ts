import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/helpers/database";
import type { Actor } from "../clinical/access";
import { getCourseMeasures } from "../clinical/measures/measures-service";
import { getEndOfTreatmentSummary } from "../clinical/summary/summary-service";
import { createPrismaClient, type PrismaClient } from "../db/prisma";
import { listAttention } from "../attention/attention-service";
import { getCourseCoSigns } from "../review/cosign-service";
import { getCourseFidelity } from "../fidelity/fidelity-service";
import { listOpenRiskFlags } from "../supervision/risk-flags-service";
import { demoEmail, seedDemoAccounts } from "./demo-accounts";
import { seedDemoCaseloads } from "./demo-caseload";

async function actorFor(prisma: PrismaClient, key: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email: demoEmail(key) } });
  return {
    userId: user.id,
    role: user.role,
    audit: { actorId: user.id, ip: null, requestId: "test" },
    now: new Date(),
  };
}

describe("demo caseloads", () => {
  it("gives the demo therapists invented clients at every stage, through the real rules, once", async () => {
    const prisma = createPrismaClient((await createTestDatabase()).url, 2);
    afterAll(() => prisma.$disconnect());
    await seedDemoAccounts(prisma);

    expect(await seedDemoCaseloads(prisma)).toBe(6);

    const tom = await prisma.user.findUniqueOrThrow({ where: { email: demoEmail("therapist.tom") } });
    const courses = await prisma.course.findMany({
      where: { client: { therapistId: tom.id } },
      include: { client: true, sessions: true },
      orderBy: { client: { displayName: "asc" } },
    });
    expect(courses.map((c) => [c.client.displayName, c.phase])).toEqual([
      ["Demo client 0412", "initial"],
      ["Demo client LM", "termination"],
      ["Demo client RK", "middle"],
    ]);
    const rk = courses.find((c) => c.client.displayName === "Demo client RK")!;
    expect(rk.sessions.filter((s) => s.status === "cancelled")).toHaveLength(1);
    expect(rk.sessions.filter((s) => s.status === "held" && s.signedAt)).toHaveLength(5);
    expect(rk.sessions.filter((s) => s.number !== null)).toHaveLength(12);

    const maya = await prisma.user.findUniqueOrThrow({ where: { email: demoEmail("therapist.maya") } });
    const completed = await prisma.course.findFirstOrThrow({
      where: { client: { therapistId: maya.id }, phase: "completed" },
      include: { client: true },
    });
    // Completed, then back in treatment: a maintenance course after it (docs/decisions/026).
    expect([completed.outcome, completed.client.status]).toEqual(["completed", "active"]);
    const maintenance = await prisma.course.findFirstOrThrow({
      where: { acuteCourseId: completed.id },
      include: { sessions: { where: { status: "held" } } },
    });
    expect([maintenance.kind, maintenance.phase, maintenance.sequence]).toEqual([
      "maintenance",
      "maintenance",
      2,
    ]);
    expect(maintenance.sessions).toHaveLength(4);
    expect(maintenance.sessions.every((s) => s.signedAt !== null)).toBe(true);
    // It starts four weeks after the acute course's last session, its end date.
    expect(maintenance.startDate.getTime() - completed.endedOn!.getTime()).toBe(28 * 86_400_000);

    // Every write went through the audited services, as the demo therapist.
    expect(await prisma.auditEvent.count({ where: { actorId: tom.id, action: "session.signed" } })).toBe(15);

    await expectDemoMeasures(prisma);
    await expectDemoFidelity(prisma);
    await expectDemoReview(prisma);

    const before = await Promise.all([
      prisma.client.count(),
      prisma.measureScore.count(),
      prisma.riskFlag.count(),
      prisma.safetyFollowUp.count(),
      prisma.fidelityRating.count(),
      prisma.reviewThread.count(),
      prisma.coSignature.count(),
    ]);
    expect(await seedDemoCaseloads(prisma)).toBe(0);
    expect(
      await Promise.all([
        prisma.client.count(),
        prisma.measureScore.count(),
        prisma.riskFlag.count(),
        prisma.safetyFollowUp.count(),
        prisma.fidelityRating.count(),
        prisma.reviewThread.count(),
        prisma.coSignature.count(),
      ]),
    ).toEqual(before);
    // The whole demo goes through the audited services: slow on a busy machine.
  }, 120_000);
});

/** The invented scores went through the measures and risk services and tell the stories they should. */
async function expectDemoMeasures(prisma: PrismaClient) {
  const courseOf = (displayName: string, kind: "acute" | "maintenance" = "acute") =>
    prisma.course.findFirstOrThrow({ where: { client: { displayName }, kind }, select: { id: true } });
  const tom = await actorFor(prisma, "therapist.tom");
  const maya = await actorFor(prisma, "therapist.maya");

  // Tom's middle-phase client: PHQ-9 16 → 7 over five sessions, a response.
  const rk = await getCourseMeasures(prisma, tom, (await courseOf("Demo client RK")).id);
  expect(rk.scores.filter((s) => s.instrument === "phq9").map((s) => [s.sessionNumber, s.total])).toEqual([
    [1, 16],
    [2, 15],
    [3, 12],
    [4, 10],
    [5, 7],
  ]);
  expect(rk.outcome.status).toBe("response");
  expect(rk.outcome.gad7).toMatchObject({ baseline: { total: 12 }, latest: { total: 6 } });
  expect(rk.riskFlags).toEqual([]);

  // Tom's client in termination: item 9 answered 1 at the latest session, followed up, still open.
  const lm = await getCourseMeasures(prisma, tom, (await courseOf("Demo client LM")).id);
  expect(lm.riskFlags).toHaveLength(1);
  expect(lm.riskFlags[0]).toMatchObject({ sessionNumber: 10, itemValue: 1, resolvedAt: null });
  expect(lm.riskFlags[0]!.followUps).toHaveLength(1);
  expect(lm.flags[0]).toMatchObject({ code: "risk_item9", severity: "red" });
  // The session it was raised at was signed only after the follow-up.
  const lmSession10 = await prisma.therapySession.findUniqueOrThrow({
    where: { id: lm.riskFlags[0]!.sessionId },
  });
  expect(lmSession10.signedAt!.getTime()).toBeGreaterThanOrEqual(
    Date.parse(lm.riskFlags[0]!.followUps[0]!.createdAt),
  );

  // Tom's supervisor sees that open flag; Maya's other supervisor (not Tom's) sees none.
  const sam = await listOpenRiskFlags(prisma, await actorFor(prisma, "supervisor.sam"));
  expect(sam.items.map((item) => [item.client.displayName, item.followUpRecorded])).toEqual([
    ["Demo client LM", true],
  ]);
  const rina = await listOpenRiskFlags(prisma, await actorFor(prisma, "supervisor.rina"));
  expect(rina.items).toEqual([]);

  // Maya's completed course: remission at the end, and the baseline risk flag resolved with a reason.
  const jp = await getEndOfTreatmentSummary(prisma, maya, (await courseOf("Demo client JP")).id);
  expect(jp.course.phase).toBe("completed");
  expect(jp.measures.phq9).toMatchObject({ baseline: { total: 18 }, latest: { total: 4 } });
  expect(jp.measures.hamd17).toMatchObject({ baseline: { total: 19 }, latest: { total: 6 } });
  expect(jp.outcome.status).toBe("remission");
  expect(jp.riskFlags).toEqual({ raised: 1, open: 0 });
  const resolved = await prisma.riskFlag.findFirstOrThrow({ where: { courseId: jp.course.id } });
  expect(resolved.resolutionReason).toMatch(/^Invented demo/);

  // Then maintenance: PHQ-9 and GAD-7 at every session [S4][S27c], all recorded, nothing overdue.
  const kept = await getCourseMeasures(prisma, maya, (await courseOf("Demo client JP", "maintenance")).id);
  expect(kept.phase).toBe("maintenance");
  expect(kept.schedule.map((point) => point.sessionNumber)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(
    kept.schedule.slice(0, 4).every((point) => point.phq9 === "recorded" && point.gad7 === "recorded"),
  ).toBe(true);
  expect(kept.scores.filter((s) => s.instrument === "phq9").map((s) => s.total)).toEqual([5, 4, 7, 5]);
  expect(kept.flags).toEqual([]);
}

/** Tom self-rates; Sam, his supervisor, rates the held sessions of the review sample and differs on one item. */
async function expectDemoFidelity(prisma: PrismaClient) {
  const courseOf = (displayName: string) =>
    prisma.course.findFirstOrThrow({ where: { client: { displayName } }, select: { id: true } });
  const sam = await actorFor(prisma, "supervisor.sam");

  // Tom's client in termination: every held session self-rated, the sampled held ones reviewed by Sam.
  const lm = await getCourseFidelity(prisma, sam, (await courseOf("Demo client LM")).id);
  const held = lm.sessions.filter((s) => s.status === "held");
  expect(held).toHaveLength(10);
  expect(held.every((s) => s.selfRating?.comment.startsWith("Invented demo"))).toBe(true);
  const reviewed = lm.sessions.filter((s) => s.reviewed);
  // 3 of 12 sessions are sampled and at most 2 are not held yet, so Sam has reviewed at least one.
  expect(reviewed.length).toBeGreaterThanOrEqual(1);
  expect(reviewed.map((s) => s.sessionId)).toEqual(
    lm.sessions.filter((s) => s.sampled && s.status === "held").map((s) => s.sessionId),
  );
  expect(reviewed.every((s) => s.supervisorRatings.map((r) => r.rater.id).join() === sam.userId)).toBe(true);
  const samsRatings = new Set(lm.sessions.flatMap((s) => s.supervisorRatings.map((r) => r.id)));
  const disagreements = lm.sessions.flatMap((s) => s.disagreements);
  expect(disagreements.map((d) => d.items)).toEqual([["focus_and_mood_link"]]);
  expect(disagreements.every((d) => samsRatings.has(d.ratingId))).toBe(true);
  expect(lm.averages.self).toBeGreaterThan(lm.averages.supervisor!);
  expect(lm.averages.supervisor).toBeGreaterThanOrEqual(lm.passMark);

  // Tom's middle-phase client: self-rated sessions 1–3, not reviewed yet.
  const rk = await getCourseFidelity(prisma, sam, (await courseOf("Demo client RK")).id);
  expect(rk.sessions.filter((s) => s.selfRating).map((s) => s.number)).toEqual([1, 2, 3]);
  expect(rk.sessions.some((s) => s.reviewed)).toBe(false);
  expect(rk.averages.supervisor).toBeNull();
}

/** The invented review: Tom has a change request and a comment waiting; LM's course is co-signed. */
async function expectDemoReview(prisma: PrismaClient) {
  const tom = await actorFor(prisma, "therapist.tom");
  const attention = await listAttention(prisma, tom);
  expect(
    attention.items
      .filter((item) => item.kind === "change_request" || item.kind === "comment")
      .map((item) => [item.kind, item.client.displayName, item.target]),
  ).toEqual([
    ["change_request", "Demo client RK", "session"],
    ["comment", "Demo client LM", "plan"],
  ]);

  const lm = await prisma.course.findFirstOrThrow({
    where: { client: { displayName: "Demo client LM" } },
    select: { id: true },
  });
  const coSigns = await getCourseCoSigns(prisma, tom, lm.id);
  expect([coSigns.formulation.state, coSigns.plan.state]).toEqual(["cosigned", "cosigned"]);
  expect(coSigns.sessions.filter((s) => s.state === "cosigned")).toHaveLength(1);
  expect(await prisma.sessionAmendment.count({ where: { session: { courseId: lm.id } } })).toBe(1);
}
