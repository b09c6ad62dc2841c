// The end-of-treatment summary: what was planned and done, the change on each measure from baseline to
// the latest score with the published outcome definitions it meets, the work done, the ending and risk.
// Readable by the client's therapist and by a supervisor assigned to that therapist. A course still
// running gets the same summary so far (its phase says it is provisional).
import {
  bandOf,
  type BandRef,
  courseOutcomeOf,
  type EndOfTreatmentSummary,
  fromDateColumn,
  fromNullableDateColumn,
  type Instrument,
  instruments,
  type Technique,
  techniques,
} from "@ipt/shared";
import { personSelect } from "../../db/person-select";
import type { Prisma, PrismaClient } from "../../db/prisma";
import { auditClinical, denied, readableClientWhere, type Actor } from "../access";
import { live } from "../live";
import { seriesOf } from "../measures/measure-state";
import { correctedIds } from "../measures/measure-wire";

const summarySelect = {
  id: true,
  sequence: true,
  format: true,
  lineage: true,
  phase: true,
  plannedSessions: true,
  startDate: true,
  endedOn: true,
  outcome: true,
  outcomeReason: true,
  primaryArea: true,
  secondaryArea: true,
  disputeStage: true,
  sensitivityModifier: true,
  formulation: true,
  terminationRaisedAt: true,
  progressReviewed: true,
  gainsCredited: true,
  feelingsDiscussed: true,
  relapsePlan: true,
  nextStep: true,
  client: { select: { id: true, displayName: true, therapist: { select: personSelect } } },
  sessions: {
    where: live,
    select: { id: true, number: true, status: true, plannedDate: true, techniques: true },
  },
  measureScores: {
    select: { id: true, sessionId: true, instrument: true, total: true, correctsId: true },
  },
  riskFlags: { select: { resolvedAt: true } },
} satisfies Prisma.CourseSelect;

type SummaryCourse = Prisma.CourseGetPayload<{ select: typeof summarySelect }>;

const bandRefOf = (instrument: Instrument, total: number | undefined): BandRef | null => {
  if (total === undefined) return null;
  const { key, label } = bandOf(instrument, total);
  return { key, label };
};

/** How many held sessions used each technique, most used first (ties in the vocabulary's order). */
function techniquesUsed(sessions: SummaryCourse["sessions"]) {
  const counts = new Map<Technique, number>();
  for (const session of sessions) {
    if (session.status !== "held") continue;
    for (const technique of new Set(session.techniques))
      counts.set(technique, (counts.get(technique) ?? 0) + 1);
  }
  return techniques
    .flatMap((technique) => {
      const sessions = counts.get(technique);
      return sessions === undefined ? [] : [{ technique, sessions }];
    })
    .sort((a, b) => b.sessions - a.sessions);
}

/** The summary if the actor may read the course (404 otherwise, audited as denied); audited as viewed. */
export async function getEndOfTreatmentSummary(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  now = new Date(),
): Promise<EndOfTreatmentSummary> {
  // Access, the course, its sessions, scores and flags in one query.
  const course = await prisma.course.findFirst({
    where: { id: courseId, client: readableClientWhere(actor) },
    select: summarySelect,
  });
  if (!course) throw await denied(prisma, actor, "course", courseId, "The course");
  await auditClinical(prisma, actor, "course.summary_viewed", "course", course.id);

  const count = (status: SummaryCourse["sessions"][number]["status"]) =>
    course.sessions.filter((s) => s.status === status).length;
  const heldDates = course.sessions
    .filter((s) => s.status === "held")
    .map((s) => fromDateColumn(s.plannedDate))
    .sort();
  // Current scores only (a corrected original stays on record but no longer counts).
  const corrected = correctedIds(course.measureScores);
  const series = seriesOf(
    course.sessions,
    course.measureScores.filter((score) => !corrected.has(score.id)),
  );
  const outcome = courseOutcomeOf(series);
  const bands = (pick: "first" | "last") =>
    Object.fromEntries(
      instruments.map((instrument) => {
        const points = series[instrument];
        const point = pick === "first" ? points[0] : points[points.length - 1];
        return [instrument, bandRefOf(instrument, point?.total)];
      }),
    ) as Record<Instrument, BandRef | null>;

  return {
    course: {
      id: course.id,
      sequence: course.sequence,
      format: course.format,
      lineage: course.lineage,
      phase: course.phase,
      plannedSessions: course.plannedSessions,
      startDate: fromDateColumn(course.startDate),
      endedOn: fromNullableDateColumn(course.endedOn),
      outcome: course.outcome,
      outcomeReason: course.outcomeReason,
      primaryArea: course.primaryArea,
      secondaryArea: course.secondaryArea,
      disputeStage: course.disputeStage,
      sensitivityModifier: course.sensitivityModifier,
      formulation: course.formulation,
    },
    client: { id: course.client.id, displayName: course.client.displayName },
    therapist: course.client.therapist,
    sessions: {
      held: count("held"),
      noShow: count("no_show"),
      cancelled: count("cancelled"),
      planned: count("planned"),
    },
    firstHeldOn: heldDates[0] ?? null,
    lastHeldOn: heldDates[heldDates.length - 1] ?? null,
    measures: { phq9: outcome.phq9, gad7: outcome.gad7, hamd17: outcome.hamd17 },
    baselineBands: bands("first"),
    finalBands: bands("last"),
    outcome,
    techniques: techniquesUsed(course.sessions),
    termination: {
      raisedAt: course.terminationRaisedAt?.toISOString() ?? null,
      progressReviewed: course.progressReviewed,
      gainsCredited: course.gainsCredited,
      feelingsDiscussed: course.feelingsDiscussed,
      relapsePlan: course.relapsePlan,
      nextStep: course.nextStep,
    },
    riskFlags: {
      raised: course.riskFlags.length,
      open: course.riskFlags.filter((flag) => flag.resolvedAt === null).length,
    },
    generatedAt: now.toISOString(),
  };
}
