// Each supervisee at a glance: caseload size, the share of measured courses with response and with
// remission, open risk flags, clients with overdue items and the average supervisor fidelity rating.
// Built from the same course loader as the cockpit (so the two agree), over every course — open or
// completed — plus one grouped read of the fidelity ratings: a fixed number of queries.
import { coursePhases, type TherapistSummariesResponse } from "@ipt/shared";
import { recordAudit } from "../audit/audit-log";
import type { PrismaClient } from "../db/prisma";
import type { Actor } from "../clinical/access";
import { assignedTherapists, loadSuperviseeCourses, type SuperviseeCourse } from "./cockpit-service";

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/**
 * A course counts towards the shares when response and remission are defined for it: baseline PHQ-9
 * high enough for the percentage rules (the fixed outcome definition the status uses) and a later PHQ-9.
 */
const measured = (course: SuperviseeCourse) =>
  course.outcome().percentRulesApply && (course.outcome().phq9?.count ?? 0) >= 2;

export async function listTherapistSummaries(
  prisma: PrismaClient,
  actor: Actor,
): Promise<TherapistSummariesResponse> {
  const therapists = await assignedTherapists(prisma, actor);
  const therapistIds = therapists.map((therapist) => therapist.id);
  const [courses, fidelity] = await Promise.all([
    loadSuperviseeCourses(prisma, therapists, coursePhases),
    // therapistId is copied onto each rating, so this needs no join through sessions and courses.
    prisma.fidelityRating.groupBy({
      by: ["therapistId"],
      where: { therapistId: { in: therapistIds }, raterRole: "supervisor" },
      _avg: { average: true },
      _count: { _all: true },
    }),
  ]);
  const fidelityOf = new Map(fidelity.map((row) => [row.therapistId, row]));

  const items = therapists.map((therapist) => {
    const own = courses.filter((course) => course.therapistId === therapist.id);
    const active = own.flatMap((course) => (course.entry ? [course.entry] : []));
    const measuredCourses = own.filter(measured);
    const share = (statuses: string[]) =>
      measuredCourses.length === 0
        ? null
        : twoDecimals(
            measuredCourses.filter((course) => statuses.includes(course.outcome().status)).length /
              measuredCourses.length,
          );
    const ratings = fidelityOf.get(therapist.id);
    const average = ratings?._avg.average;
    return {
      therapist,
      activeClients: active.length,
      measuredCourses: measuredCourses.length,
      responseShare: share(["response", "remission"]),
      remissionShare: share(["remission"]),
      openRiskFlags: own.reduce((sum, course) => sum + course.openRiskFlags, 0),
      overdueItems: active.filter((entry) => entry.overdue).length,
      fidelityAverage: average === null || average === undefined ? null : twoDecimals(average),
      fidelityRatings: ratings?._count._all ?? 0,
    };
  });

  await recordAudit(prisma, actor.audit, {
    action: "supervision.summary_viewed",
    details: { count: items.length },
  });
  return { items };
}
