// The supervisor's cockpit: every active client (current course in the initial, middle or termination
// phase) of every therapist assigned to the supervisor, with where the course stands, sorted by
// urgency. The assignment is read on every request, so removing it ends visibility at once.
// A fixed number of queries whatever the number of therapists and clients: assignments, courses (with
// client), then the course facts (sessions, scores, risk flags and life-event kinds, aggregated in
// PostgreSQL) and the settings for all those courses at once — no per-row queries and no filtered
// relation counts (docs/benchmarks.md). The urgency order needs every open course's flags; the
// rest of a row is built only for the page shown (docs/benchmarks.md, "The supervisor's cockpit").
import {
  courseOutcomeOf,
  type CockpitQuery,
  type CockpitResponse,
  type CockpitRow,
  type CoursePhase,
  type CourseOutcomeResult,
  type Flag,
  type PersonRef,
} from "@ipt/shared";
import { recordAudit } from "../audit/audit-log";
import { personSelect } from "../db/person-select";
import type { Prisma, PrismaClient } from "../db/prisma";
import { notFound } from "../errors/app-error";
import type { Actor } from "../clinical/access";
import { flagCourseSelect, flagsOf } from "../clinical/courses/course-flags";
import { courseMeasureFlags, measureSummaryOf, mergeFlags } from "../clinical/measures/measure-state";
import { getMeasurementSettings } from "../clinical/measures/settings-read";
import { loadCourseFacts } from "./course-facts";
import { countAwaitingAcknowledgement } from "./risk-flags-service";
import { required } from "../errors/required";

export const OPEN_PHASES: readonly CoursePhase[] = ["initial", "middle", "termination", "maintenance"];
const NON_RESPONSE_CODES: readonly Flag["code"][] = [
  "reliable_deterioration",
  "not_on_track",
  "early_non_response",
];

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });
const byPerson = (a: PersonRef, b: PersonRef) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id);

const courseSelect = {
  ...flagCourseSelect,
  client: { select: { displayName: true, therapistId: true } },
} satisfies Prisma.CourseSelect;

/** The therapists assigned to the supervisor, by name. */
export async function assignedTherapists(prisma: PrismaClient, actor: Actor): Promise<PersonRef[]> {
  const rows = await prisma.supervisionAssignment.findMany({
    where: { supervisorId: actor.userId },
    select: { therapist: { select: personSelect } },
  });
  return rows.map((row) => row.therapist).sort(byPerson);
}

/** One course of a supervisee's client: its cockpit entry when the course is open. */
export interface SuperviseeCourse {
  therapistId: string;
  openRiskFlags: number;
  /** Worked out on first use: the cockpit shows it only for the rows of its page. */
  outcome(): CourseOutcomeResult;
  /** Only for an open course (an active client). */
  entry: CockpitEntry | null;
}

/** What the urgency order and the filters read, and the row, built only for the page shown. */
export interface CockpitEntry {
  therapist: PersonRef;
  client: CockpitRow["client"];
  risk: boolean;
  nonResponse: boolean;
  /** Any overdue item: measures, an unsigned session or the ending not raised. */
  overdue: boolean;
  /** When the oldest unresolved risk flag was raised; null without one. */
  riskSince: Date | null;
  row(): CockpitRow;
}

/**
 * The courses in `phases` of the therapists' clients, each with what the rules say about it, and a
 * cockpit entry for each open one. Three queries, one after the other or in parallel, whatever the size.
 * Every open course's flags are computed (the urgency order and the filters need them); the outcome
 * and the rest of the row wait until asked for.
 */
export async function loadSuperviseeCourses(
  prisma: PrismaClient,
  therapists: readonly PersonRef[],
  phases: readonly CoursePhase[],
): Promise<SuperviseeCourse[]> {
  if (therapists.length === 0 || phases.length === 0) return [];
  const therapistOf = new Map(therapists.map((therapist) => [therapist.id, therapist]));
  const courses = await prisma.course.findMany({
    where: { phase: { in: [...phases] }, client: { therapistId: { in: [...therapistOf.keys()] } } },
    select: courseSelect,
  });
  if (courses.length === 0) return [];
  const courseIds = courses.map((course) => course.id);
  const [facts, { settings }] = await Promise.all([
    loadCourseFacts(prisma, courseIds),
    // Read on every request, never cached: a change shows at once on every API instance.
    getMeasurementSettings(prisma),
  ]);

  return courses.map((course) => {
    const fact = required(facts.get(course.id), `the facts of course ${course.id}`); // loaded for every course
    let outcome: CourseOutcomeResult | undefined;
    const base = {
      therapistId: course.client.therapistId,
      openRiskFlags: fact.openRisks.length,
      outcome: () => (outcome ??= courseOutcomeOf(fact.series)),
    };
    if (!OPEN_PHASES.includes(course.phase)) return { ...base, entry: null };

    // The course flags read the held sessions and the next planned one.
    const next = fact.nextPlannedNumber;
    const flagSessions =
      next === null ? fact.attended : [...fact.attended, { number: next, status: "planned" as const }];
    const flags = mergeFlags(
      courseMeasureFlags({
        course,
        sessions: fact.attended,
        series: fact.series,
        openRiskFlags: fact.openRisks,
        settings,
      }),
      flagsOf(course, flagSessions, fact.lifeEventKinds),
    );
    const has = (code: Flag["code"]) => flags.some((flag) => flag.code === code);
    // The courses were selected by these therapists.
    const therapist = required(
      therapistOf.get(course.client.therapistId),
      `therapist ${course.client.therapistId}`,
    );
    const client = { id: course.clientId, displayName: course.client.displayName };
    const risk = fact.openRisks.length > 0;
    const nonResponse = flags.some((flag) => NON_RESPONSE_CODES.includes(flag.code));
    const overdue = {
      measures: has("measures_overdue"),
      unsignedSessions: fact.unsignedSessions,
      terminationNotRaised: has("termination_not_raised"),
    };
    const row = (): CockpitRow => ({
      client,
      therapist,
      course: {
        id: course.id,
        format: course.format,
        phase: course.phase,
        sessionsHeld: fact.sessionsHeld,
        plannedSessions: course.plannedSessions,
      },
      measures: measureSummaryOf(fact.series, base.outcome(), fact.openRisks.length),
      risk,
      nonResponse,
      overdue,
      flags,
      lastActivityAt: fact.lastActivityAt?.toISOString() ?? null,
    });
    const anyOverdue = overdue.measures || overdue.unsignedSessions > 0 || overdue.terminationNotRaised;
    return {
      ...base,
      entry: { therapist, client, risk, nonResponse, overdue: anyOverdue, riskSince: fact.riskSince, row },
    };
  });
}

/** 0 unresolved risk, 1 non-response, 2 overdue items, 3 the rest. */
function urgency(entry: CockpitEntry): number {
  if (entry.risk) return 0;
  if (entry.nonResponse) return 1;
  if (entry.overdue) return 2;
  return 3;
}

/** Most urgent first; the risk that has waited longest first; then by therapist and client name. */
function byUrgency(a: CockpitEntry, b: CockpitEntry): number {
  return (
    urgency(a) - urgency(b) ||
    (a.riskSince?.getTime() ?? 0) - (b.riskSince?.getTime() ?? 0) ||
    byPerson(a.therapist, b.therapist) ||
    byName.compare(a.client.displayName, b.client.displayName) ||
    a.client.id.localeCompare(b.client.id)
  );
}

const matchesFlag: Record<NonNullable<CockpitQuery["flag"]>, (entry: CockpitEntry) => boolean> = {
  risk: (entry) => entry.risk,
  non_response: (entry) => entry.nonResponse,
  overdue: (entry) => entry.overdue,
};

export async function getCockpit(
  prisma: PrismaClient,
  actor: Actor,
  query: CockpitQuery,
): Promise<CockpitResponse> {
  const therapists = await assignedTherapists(prisma, actor);
  const { therapistId } = query;
  if (therapistId && !therapists.some((therapist) => therapist.id === therapistId)) {
    // Not one of theirs (or no such user): the same 404 either way, audited as denied.
    await recordAudit(prisma, actor.audit, {
      action: "client.access_denied",
      outcome: "denied",
      entityType: "user",
      entityId: therapistId,
    });
    throw notFound("The therapist");
  }
  const scope = therapistId ? therapists.filter((therapist) => therapist.id === therapistId) : therapists;
  // A phase filter narrows the course query itself; "completed" is never an active client.
  const phases = query.phase ? OPEN_PHASES.filter((phase) => phase === query.phase) : OPEN_PHASES;
  const flagFilter = query.flag ? matchesFlag[query.flag] : undefined;
  const matching = (await loadSuperviseeCourses(prisma, scope, phases))
    .flatMap((course) => (course.entry && (!flagFilter || flagFilter(course.entry)) ? [course.entry] : []))
    .sort(byUrgency);
  const skip = (query.page - 1) * query.pageSize;
  const items = matching.slice(skip, skip + query.pageSize).map((entry) => entry.row());
  const riskFlagsAwaitingAcknowledgement = await countAwaitingAcknowledgement(prisma, actor);

  await recordAudit(prisma, actor.audit, {
    action: "cockpit.viewed",
    details: { count: items.length, ...(therapistId ? { therapistId } : {}) },
  });
  return {
    items,
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
    riskFlagsAwaitingAcknowledgement,
  };
}
