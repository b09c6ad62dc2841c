// The therapist's caseload: own clients with their current course, progress, next session, measures
// summary and flags. A fixed number of queries per page (clients, their latest courses and life-event
// kinds, those courses' sessions, current scores, open risk flags and the settings) — no per-client
// queries and no filtered relation counts, which Prisma compiles to a scan of the whole child table
// (docs/benchmarks.md).
import type { CaseloadEntry, CaseloadQuery, CaseloadResponse, LifeEventKind } from "@ipt/shared";
import { recordAudit } from "../../audit/audit-log";
import type { Prisma, PrismaClient } from "../../db/prisma";
import type { Actor } from "../access";
import { flagCourseSelect, flagsOf, nextPlanned } from "../courses/course-flags";
import { live } from "../live";
import { sessionWhen, sessionWhenSelect } from "../../settings/service-time";
import { loadMeasureState, measuresFromState, mergeFlags } from "../measures/measure-state";
import { getServiceTimeZone } from "../measures/settings-read";

/** Prisma's `contains` is a LIKE pattern and does not escape (prisma/prisma#19506): search literally. */
const literalLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

const clientSelect = { id: true, displayName: true, status: true } satisfies Prisma.ClientSelect;
type ClientRow = Prisma.ClientGetPayload<{ select: typeof clientSelect }>;

const sessionSelect = {
  id: true,
  courseId: true,
  number: true,
  status: true,
  ...sessionWhenSelect,
  phase: true,
} satisfies Prisma.TherapySessionSelect;

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** Caseload rows for these clients, in the same order. */
async function caseloadEntries(prisma: PrismaClient, clients: ClientRow[]): Promise<CaseloadEntry[]> {
  if (clients.length === 0) return [];
  const clientIds = clients.map((client) => client.id);
  const [courses, events] = await Promise.all([
    // A client has a handful of courses at most; the latest (highest sequence) is the current one.
    prisma.course.findMany({
      where: { clientId: { in: clientIds } },
      select: flagCourseSelect,
      orderBy: { sequence: "desc" },
    }),
    prisma.lifeEvent.groupBy({ by: ["clientId", "kind"], where: { clientId: { in: clientIds }, ...live } }),
  ]);
  const courseOf = new Map<string, (typeof courses)[number]>();
  for (const course of courses) if (!courseOf.has(course.clientId)) courseOf.set(course.clientId, course);
  const courseIds = [...courseOf.values()].map((course) => course.id);
  const [sessions, measureState, timeZone] = await Promise.all([
    prisma.therapySession.findMany({
      where: { courseId: { in: courseIds }, ...live },
      select: sessionSelect,
    }),
    loadMeasureState(prisma, courseIds),
    getServiceTimeZone(prisma),
  ]);

  const sessionsOf = groupBy(sessions, (session) => session.courseId);
  const kindsOf = groupBy(events, (event) => event.clientId);

  return clients.map((client) => {
    const course = courseOf.get(client.id);
    if (!course) return { ...client, course: null, nextSession: null, measures: null, flags: [] };
    const courseSessions = sessionsOf.get(course.id) ?? [];
    const kinds: LifeEventKind[] = (kindsOf.get(client.id) ?? []).map((event) => event.kind);
    const next = nextPlanned(courseSessions);
    const measures = measuresFromState(measureState, course.id, course, courseSessions);
    return {
      ...client,
      course: {
        id: course.id,
        format: course.format,
        phase: course.phase,
        sessionsHeld: courseSessions.filter((session) => session.status === "held").length,
        plannedSessions: course.plannedSessions,
      },
      nextSession:
        next && next.phase
          ? { number: next.number, ...sessionWhen(next, timeZone), phase: next.phase }
          : null,
      measures: measures.summary,
      flags: mergeFlags(measures.flags, flagsOf(course, courseSessions, kinds)),
    };
  });
}

export async function listCaseload(
  prisma: PrismaClient,
  actor: Actor,
  query: CaseloadQuery,
): Promise<CaseloadResponse> {
  const q = query.q ? literalLike(query.q) : undefined;
  const where: Prisma.ClientWhereInput = {
    therapistId: actor.userId,
    ...(q ? { displayName: { contains: q, mode: "insensitive" } } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  // The whole caseload's names are small; sorting them here orders names as people read them
  // ("adam" before "Zoe"), which the database's C collation would not.
  const clients = (await prisma.client.findMany({ where, select: clientSelect })).sort(
    (a, b) => byName.compare(a.displayName, b.displayName) || a.id.localeCompare(b.id),
  );
  const skip = (query.page - 1) * query.pageSize;
  const pageOf = <T>(rows: T[]) => rows.slice(skip, skip + query.pageSize);

  let items: CaseloadEntry[];
  let total: number;
  if (!query.phase && !query.flagged) {
    items = await caseloadEntries(prisma, pageOf(clients));
    total = clients.length;
  } else {
    // Phase and flags belong to the current course and its sessions: work them out for the
    // therapist's whole caseload, filter, then page.
    const matching = (await caseloadEntries(prisma, clients)).filter(
      (entry) =>
        (!query.phase || entry.course?.phase === query.phase) &&
        (!query.flagged || entry.flags.length > 0 === (query.flagged === "true")),
    );
    items = pageOf(matching);
    total = matching.length;
  }

  await recordAudit(prisma, actor.audit, { action: "caseload.viewed", details: { count: items.length } });
  return { items, total, page: query.page, pageSize: query.pageSize };
}
