// The therapist's caseload: own clients with their current course, progress, next session, measures
// summary and flags. Its data comes in two statements whatever the caseload's size (the names, then
// the page's data; caseload-query.ts, docs/decisions/024), the read's audit row sent beside the
// second (group-committed, docs/decisions/022); the shared rules then work out each row.
import { toDateColumn, type CaseloadEntry, type CaseloadQuery, type CaseloadResponse } from "@ipt/shared";
import { recordAudit } from "../../audit/audit-log";
import { bothSettled } from "../../db/both-settled";
import type { PrismaClient } from "../../db/prisma";
import type { Actor } from "../access";
import { flagsOf, nextPlanned } from "../courses/course-flags";
import { sessionWhen } from "../../settings/service-time";
import { correctedIds } from "../measures/measure-wire";
import { courseMeasuresOf, mergeFlags } from "../measures/measure-state";
import { measurementSettingsOf } from "../measures/settings-read";
import {
  loadCaseloadData,
  loadCaseloadNames,
  type CaseloadClient,
  type CaseloadName,
} from "./caseload-query";

/** The search is an ILIKE pattern: its wildcards and the escape character are searched literally. */
const literalLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** The caseload row of one client, by the shared rules. */
function caseloadEntry(
  client: CaseloadClient,
  settings: ReturnType<typeof measurementSettingsOf>["settings"],
  timeZone: string,
): CaseloadEntry {
  const { id, displayName, status, course } = client;
  if (!course) return { id, displayName, status, course: null, nextSession: null, measures: null, flags: [] };
  const sessions = course.sessions.map(
    ([sessionId, number, sessionStatus, plannedDate, startTime, durationMinutes, phase]) => ({
      id: sessionId,
      number,
      status: sessionStatus,
      plannedDate,
      startTime,
      durationMinutes,
      phase,
    }),
  );
  const scores = course.scores.map(([scoreId, sessionId, instrument, total, correctsId]) => ({
    id: scoreId,
    sessionId,
    instrument,
    total,
    correctsId,
  }));
  const corrected = correctedIds(scores);
  const measures = courseMeasuresOf({
    course,
    sessions,
    scores: scores.filter((score) => !corrected.has(score.id)),
    openRisks: course.risks.map(([sessionId, itemValue]) => ({ sessionId, itemValue })),
    settings,
  });
  const flagInput = {
    ...course,
    terminationRaisedAt: course.terminationRaisedAt === null ? null : new Date(course.terminationRaisedAt),
  };
  const next = nextPlanned(sessions);
  return {
    id,
    displayName,
    status,
    course: {
      id: course.id,
      format: course.format,
      phase: course.phase,
      sessionsHeld: sessions.filter((session) => session.status === "held").length,
      plannedSessions: course.plannedSessions,
    },
    nextSession:
      next && next.phase
        ? {
            number: next.number,
            ...sessionWhen(
              {
                plannedDate: toDateColumn(next.plannedDate),
                startTime: next.startTime,
                durationMinutes: next.durationMinutes,
              },
              timeZone,
            ),
            phase: next.phase,
          }
        : null,
    measures: measures.summary,
    flags: mergeFlags(measures.flags, flagsOf(flagInput, sessions, client.kinds)),
  };
}

/** Orders names as people read them ("adam" before "Zoe"), which the database's C collation would not. */
const byClientName = (a: CaseloadName, b: CaseloadName) =>
  byName.compare(a.displayName, b.displayName) || a.id.localeCompare(b.id);

export async function listCaseload(
  prisma: PrismaClient,
  actor: Actor,
  query: CaseloadQuery,
): Promise<CaseloadResponse> {
  const filter = { search: query.q ? literalLike(query.q) : null, status: query.status ?? null };
  const skip = (query.page - 1) * query.pageSize;
  const pageOf = <T>(rows: T[]) => rows.slice(skip, skip + query.pageSize);
  const audit = (count: number) =>
    recordAudit(prisma, actor.audit, { action: "caseload.viewed", details: { count } });

  if (!query.phase && !query.flagged) {
    // The names say which clients are on the page; only their rows are read and worked out.
    const names = await loadCaseloadNames(prisma, actor.userId, filter);
    const page = pageOf(names.sort(byClientName));
    // The audit row goes with the data statement, not after it (three round trips: session, names,
    // data and audit). The answer waits for both; should the read fail after its row committed, the
    // log holds a view that was not shown, never the other way round.
    const [data] = await bothSettled(
      loadCaseloadData(prisma, actor.userId, { clientIds: page.map((client) => client.id) }),
      audit(page.length),
    );
    const { settings, timeZone } = measurementSettingsOf(data.settings);
    const byId = new Map(data.clients.map((client) => [client.id, client]));
    const items = page.flatMap((name) => {
      const client = byId.get(name.id);
      // A client deleted between the two statements is left out of the page.
      return client ? [caseloadEntry(client, settings, timeZone)] : [];
    });
    return { items, total: names.length, page: query.page, pageSize: query.pageSize };
  }

  // Phase and flags belong to the current course and its sessions: work them out for the therapist's
  // whole (matching) caseload, filter, then page.
  const data = await loadCaseloadData(prisma, actor.userId, filter);
  const { settings, timeZone } = measurementSettingsOf(data.settings);
  const matching = data.clients
    .sort(byClientName)
    .map((client) => caseloadEntry(client, settings, timeZone))
    .filter(
      (entry) =>
        (!query.phase || entry.course?.phase === query.phase) &&
        (!query.flagged || entry.flags.length > 0 === (query.flagged === "true")),
    );
  const items = pageOf(matching);
  await audit(items.length);
  return { items, total: matching.length, page: query.page, pageSize: query.pageSize };
}
