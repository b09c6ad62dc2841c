// The supervisor's cockpit: every active client (current course in the initial, middle or termination
// phase) of every therapist assigned to the supervisor, with where the course stands, sorted by
// urgency. The assignment is read on every request, so removing it ends visibility at once.
// A fixed number of queries whatever the number of therapists and clients: assignments, courses (with
// client), then sessions, life-event kinds, latest score times, risk-flag times and the measure state
// (scores, open risks, settings) for all those courses at once — no per-row queries and no filtered
// relation counts (/work/shared/TOOLCHAIN.md).
import {
  type CockpitQuery,
  type CockpitResponse,
  type CockpitRow,
  type CoursePhase,
  type CourseOutcomeResult,
  type Flag,
  type LifeEventKind,
  type PersonRef,
} from "@ipt/shared";
import { recordAudit } from "../audit/audit-log";
import { personSelect } from "../db/person-select";
import type { Prisma, PrismaClient } from "../db/prisma";
import { notFound } from "../errors/app-error";
import type { Actor } from "../clinical/access";
import { flagCourseSelect, flagsOf } from "../clinical/courses/course-detail";
import { loadMeasureState, measuresFromState, mergeFlags } from "../clinical/measures/measure-state";

export const OPEN_PHASES: readonly CoursePhase[] = ["initial", "middle", "termination"];
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

const sessionSelect = {
  id: true,
  courseId: true,
  number: true,
  status: true,
  signedAt: true,
  updatedAt: true,
} satisfies Prisma.TherapySessionSelect;

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

const latest = (dates: (Date | null | undefined)[]): Date | null =>
  dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);
const earliest = (dates: Date[]): Date | null =>
  dates.reduce<Date | null>((min, date) => (!min || date < min ? date : min), null);

/** The therapists assigned to the supervisor, by name. */
export async function assignedTherapists(prisma: PrismaClient, actor: Actor): Promise<PersonRef[]> {
  const rows = await prisma.supervisionAssignment.findMany({
    where: { supervisorId: actor.userId },
    select: { therapist: { select: personSelect } },
  });
  return rows.map((row) => row.therapist).sort(byPerson);
}

/** One course of a supervisee's client: its cockpit row when the course is open. */
export interface SuperviseeCourse {
  therapistId: string;
  outcome: CourseOutcomeResult;
  openRiskFlags: number;
  /** Only for an open course (an active client). */
  entry: CockpitEntry | null;
}

export interface CockpitEntry {
  row: CockpitRow;
  /** When the oldest unresolved risk flag was raised; null without one. */
  riskSince: Date | null;
}

/**
 * The courses in `phases` of the therapists' clients, each with what the rules say about it, and a
 * cockpit row for each open one. Eight queries, one after the other or in parallel, whatever the size.
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
  const open = courses.filter((course) => OPEN_PHASES.includes(course.phase));
  const openIds = open.map((course) => course.id);
  const [sessions, events, scoredAt, riskFlags, measureState] = await Promise.all([
    prisma.therapySession.findMany({ where: { courseId: { in: courseIds } }, select: sessionSelect }),
    // Kinds only, for the problem-area flags of open courses.
    prisma.lifeEvent.groupBy({
      by: ["clientId", "kind"],
      where: { clientId: { in: open.map((course) => course.clientId) } },
    }),
    prisma.measureScore.groupBy({
      by: ["courseId"],
      where: { courseId: { in: openIds } },
      _max: { enteredAt: true },
    }),
    // Every flag of the open courses (a handful each): when the oldest open one was raised, and the
    // latest risk write (raised, followed up, resolved) for the last activity.
    prisma.riskFlag.findMany({
      where: { courseId: { in: openIds } },
      select: {
        courseId: true,
        raisedAt: true,
        resolvedAt: true,
        followUps: { select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
      },
    }),
    loadMeasureState(prisma, courseIds),
  ]);

  const sessionsOf = groupBy(sessions, (session) => session.courseId);
  const kindsOf = groupBy(events, (event) => event.clientId);
  const risksOf = groupBy(riskFlags, (flag) => flag.courseId);
  const scoredAtOf = new Map(scoredAt.map((row) => [row.courseId, row._max.enteredAt]));

  return courses.map((course) => {
    const courseSessions = sessionsOf.get(course.id) ?? [];
    const measures = measuresFromState(measureState, course.id, course, courseSessions);
    const base = {
      therapistId: course.client.therapistId,
      outcome: measures.outcome,
      openRiskFlags: measures.summary.openRiskFlags,
    };
    if (!OPEN_PHASES.includes(course.phase)) return { ...base, entry: null };

    const kinds: LifeEventKind[] = (kindsOf.get(course.clientId) ?? []).map((event) => event.kind);
    const flags = mergeFlags(measures.flags, flagsOf(course, courseSessions, kinds));
    const has = (code: Flag["code"]) => flags.some((flag) => flag.code === code);
    const risks = risksOf.get(course.id) ?? [];
    const row: CockpitRow = {
      client: { id: course.clientId, displayName: course.client.displayName },
      therapist: therapistOf.get(course.client.therapistId)!,
      course: {
        id: course.id,
        format: course.format,
        phase: course.phase,
        sessionsHeld: courseSessions.filter((session) => session.status === "held").length,
        plannedSessions: course.plannedSessions,
      },
      measures: measures.summary,
      risk: measures.summary.openRiskFlags > 0,
      nonResponse: flags.some((flag) => NON_RESPONSE_CODES.includes(flag.code)),
      overdue: {
        measures: has("measures_overdue"),
        unsignedSessions: courseSessions.filter(
          (session) => (session.status === "held" || session.status === "no_show") && !session.signedAt,
        ).length,
        terminationNotRaised: has("termination_not_raised"),
      },
      flags,
      lastActivityAt:
        latest([
          ...courseSessions.map((session) => session.updatedAt),
          scoredAtOf.get(course.id),
          ...risks.flatMap((flag) => [flag.raisedAt, flag.resolvedAt, flag.followUps[0]?.createdAt]),
        ])?.toISOString() ?? null,
    };
    const riskSince = earliest(risks.filter((flag) => !flag.resolvedAt).map((flag) => flag.raisedAt));
    return { ...base, entry: { row, riskSince } };
  });
}

export const hasOverdue = (row: CockpitRow) =>
  row.overdue.measures || row.overdue.unsignedSessions > 0 || row.overdue.terminationNotRaised;

/** 0 unresolved risk, 1 non-response, 2 overdue items, 3 the rest. */
function urgency(row: CockpitRow): number {
  if (row.risk) return 0;
  if (row.nonResponse) return 1;
  if (hasOverdue(row)) return 2;
  return 3;
}

/** Most urgent first; the risk that has waited longest first; then by therapist and client name. */
function byUrgency(a: CockpitEntry, b: CockpitEntry): number {
  return (
    urgency(a.row) - urgency(b.row) ||
    (a.riskSince?.getTime() ?? 0) - (b.riskSince?.getTime() ?? 0) ||
    byPerson(a.row.therapist, b.row.therapist) ||
    byName.compare(a.row.client.displayName, b.row.client.displayName) ||
    a.row.client.id.localeCompare(b.row.client.id)
  );
}

const matchesFlag: Record<NonNullable<CockpitQuery["flag"]>, (row: CockpitRow) => boolean> = {
  risk: (row) => row.risk,
  non_response: (row) => row.nonResponse,
  overdue: hasOverdue,
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
    .flatMap((course) =>
      course.entry && (!flagFilter || flagFilter(course.entry.row)) ? [course.entry] : [],
    )
    .sort(byUrgency);
  const skip = (query.page - 1) * query.pageSize;
  const items = matching.slice(skip, skip + query.pageSize).map((entry) => entry.row);

  await recordAudit(prisma, actor.audit, {
    action: "cockpit.viewed",
    details: { count: items.length, ...(therapistId ? { therapistId } : {}) },
  });
  return { items, total: matching.length, page: query.page, pageSize: query.pageSize };
}
