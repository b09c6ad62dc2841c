// Each supervisee at a glance: caseload size, the share of measured courses with response and with
// remission, open risk flags, clients with overdue items and the average supervisor fidelity rating.
// Read from the same course summaries as the cockpit (so the two agree), over every course — open or
// completed — grouped by therapist in PostgreSQL, plus one grouped read of the fidelity ratings: a
// fixed number of queries, reading one narrow row per course.
import type { TherapistSummariesResponse } from "@ipt/shared";
import { recordAudit } from "../audit/audit-log";
import type { PrismaClient } from "../db/prisma";
import type { Actor } from "../clinical/access";
import { assignedTherapists } from "./cockpit-service";
import { OPEN_PHASES } from "./course-summary";

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

interface CourseCounts {
  therapistId: string;
  active: number;
  /** Courses where response and remission are defined (course-summary.ts, `measured`). */
  measured: number;
  responded: number;
  remitted: number;
  openRiskFlags: number;
  overdue: number;
}

export async function listTherapistSummaries(
  prisma: PrismaClient,
  actor: Actor,
): Promise<TherapistSummariesResponse> {
  const therapists = await assignedTherapists(prisma, actor);
  const therapistIds = therapists.map((therapist) => therapist.id);
  const [counts, fidelity] = await Promise.all([
    prisma.$queryRaw<CourseCounts[]>`
      SELECT therapist_id::text AS "therapistId",
             count(*) FILTER (WHERE open)::int AS active,
             count(*) FILTER (WHERE measured)::int AS measured,
             count(*) FILTER (WHERE measured AND outcome_status IN ('response', 'remission'))::int AS responded,
             count(*) FILTER (WHERE measured AND outcome_status = 'remission')::int AS remitted,
             coalesce(sum(open_risk_flags), 0)::int AS "openRiskFlags",
             count(*) FILTER (WHERE open AND overdue)::int AS overdue
      FROM (SELECT *, phase = ANY(${[...OPEN_PHASES]}::"CoursePhase"[]) AS open
            FROM course_summaries WHERE therapist_id = ANY(${therapistIds}::uuid[])) AS summary
      GROUP BY therapist_id`,
    // therapistId is copied onto each rating, so this needs no join through sessions and courses.
    prisma.fidelityRating.groupBy({
      by: ["therapistId"],
      where: { therapistId: { in: therapistIds }, raterRole: "supervisor" },
      _avg: { average: true },
      _count: { _all: true },
    }),
  ]);
  const countsOf = new Map(counts.map((row) => [row.therapistId, row]));
  const fidelityOf = new Map(fidelity.map((row) => [row.therapistId, row]));

  const items = therapists.map((therapist) => {
    const own = countsOf.get(therapist.id);
    const measured = own?.measured ?? 0;
    const share = (count: number) => (measured === 0 ? null : twoDecimals(count / measured));
    const ratings = fidelityOf.get(therapist.id);
    const average = ratings?._avg.average;
    return {
      therapist,
      activeClients: own?.active ?? 0,
      measuredCourses: measured,
      responseShare: share(own?.responded ?? 0),
      remissionShare: share(own?.remitted ?? 0),
      openRiskFlags: own?.openRiskFlags ?? 0,
      overdueItems: own?.overdue ?? 0,
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
