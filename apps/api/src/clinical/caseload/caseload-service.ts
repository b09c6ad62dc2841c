// The therapist's caseload: own clients with their current course, progress, next session, measures
// summary and flags. One statement gives the page, whatever the filters and the caseload's size: the
// current course's facts come from its summary row, kept current on write by the same rules the
// course page uses (caseload-query.ts; docs/decisions/023 and 024). The read's audit row follows it
// with the page's count: three round trips (session, page, audit row; group-committed, 022).
import {
  defaultServiceSettings,
  isTimeZone,
  toDateColumn,
  type CaseloadEntry,
  type CaseloadQuery,
  type CaseloadResponse,
} from "@ipt/shared";
import { recordAudit } from "../../audit/audit-log";
import type { PrismaClient } from "../../db/prisma";
import type { Actor } from "../access";
import { sessionWhen } from "../../settings/service-time";
import { loadCaseloadPage, type CaseloadPageRow } from "./caseload-query";

/** The search is an ILIKE pattern: its wildcards and the escape character are searched literally. */
const literalLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** The caseload row of one client: its current course's summary and next planned session. */
function caseloadEntry(row: CaseloadPageRow, timeZone: string): CaseloadEntry {
  const { id, displayName, status, course, measures, flags, nextSession: next } = row;
  if (row.courseId === null) {
    return { id, displayName, status, course: null, nextSession: null, measures: null, flags: [] };
  }
  // Every course has its row: written in the transaction that creates or changes the course, and
  // filled at start-up for courses loaded otherwise (rebuildCourseSummaries).
  if (!course || !measures || !flags) throw new Error(`course ${row.courseId} has no summary row`);
  return {
    id,
    displayName,
    status,
    course,
    // The next planned session counts only once the plan has given it a phase (nextPlanned's rule).
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
    measures,
    flags,
  };
}

export async function listCaseload(
  prisma: PrismaClient,
  actor: Actor,
  query: CaseloadQuery,
): Promise<CaseloadResponse> {
  const filter = {
    search: query.q ? literalLike(query.q) : null,
    status: query.status ?? null,
    phase: query.phase ?? null,
    flagged: query.flagged === undefined ? null : query.flagged === "true",
  };
  const skip = (query.page - 1) * query.pageSize;
  const { rows, total } = await loadCaseloadPage(prisma, actor.userId, filter, skip, query.pageSize);
  // After the read, with what it showed: should the audit row fail, the answer is not sent.
  await recordAudit(prisma, actor.audit, { action: "caseload.viewed", details: { count: rows.length } });
  const stored = rows[0]?.timeZone ?? null;
  const timeZone = stored !== null && isTimeZone(stored) ? stored : defaultServiceSettings.timeZone;
  return {
    items: rows.map((row) => caseloadEntry(row, timeZone)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
