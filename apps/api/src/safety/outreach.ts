// Outreach attempts and the guard on closing a course while risk is recent: the shared rule
// (packages/shared/src/safety/outreach.ts) applied to the stored flags, sessions and attempts.
import {
  fromDateColumn,
  OUTREACH_SOURCES,
  OUTREACH_SYNTHESIS_NOTE,
  outreachStateOf,
  toZoned,
  type CourseOutreach,
  type OutreachState,
  type SessionStatus,
} from "@ipt/shared";
import { personSelect } from "../db/person-select";
import type { Db, Prisma } from "../db/prisma";
import { live } from "../clinical/live";
import { getServiceTimeZone } from "../clinical/measures/settings-read";

/** What the rule reads of a course (for a select on the course). */
export const outreachCourseSelect = {
  riskFlags: { select: { raisedAt: true, resolvedAt: true } },
  outreachAttempts: {
    select: {
      id: true,
      attemptedAt: true,
      method: true,
      outcome: true,
      note: true,
      recordedBy: { select: personSelect },
    },
    orderBy: [{ attemptedAt: "desc" }, { id: "desc" }],
  },
} satisfies Prisma.CourseSelect;

type OutreachRows = Prisma.CourseGetPayload<{ select: typeof outreachCourseSelect }>;

interface SessionRow {
  plannedDate: Date;
  status: SessionStatus;
}

function stateOf(
  rows: OutreachRows,
  sessions: readonly SessionRow[],
  timeZone: string,
  now: Date,
): OutreachState {
  const dayOf = (instant: Date) => toZoned(instant, timeZone).date;
  return outreachStateOf({
    flags: rows.riskFlags.map((flag) => ({ raisedOn: dayOf(flag.raisedAt), open: flag.resolvedAt === null })),
    // Sessions come in plan order; only the recorded ones count.
    recorded: sessions.flatMap((s) =>
      s.status === "held" || s.status === "no_show"
        ? [{ date: fromDateColumn(s.plannedDate), status: s.status }]
        : [],
    ),
    attemptsOn: rows.outreachAttempts.map((attempt) => dayOf(attempt.attemptedAt)),
    today: dayOf(now),
  });
}

export function toCourseOutreach(
  rows: OutreachRows,
  sessions: readonly SessionRow[],
  timeZone: string,
  now: Date,
): CourseOutreach {
  return {
    ...stateOf(rows, sessions, timeZone, now),
    sources: [...OUTREACH_SOURCES],
    synthesisNote: OUTREACH_SYNTHESIS_NOTE,
    attempts: rows.outreachAttempts.map((attempt) => ({
      ...attempt,
      attemptedAt: attempt.attemptedAt.toISOString(),
      attemptedOn: toZoned(attempt.attemptedAt, timeZone).date,
    })),
  };
}

/** The outreach state of a course, read inside the closing transaction (after the course lock). */
export async function outreachStateFor(db: Db, courseId: string, now: Date): Promise<OutreachState> {
  const course = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      ...outreachCourseSelect,
      sessions: {
        where: live,
        select: { plannedDate: true, status: true },
        orderBy: [{ plannedDate: "asc" }, { startTime: "asc" }, { createdOrder: "asc" }],
      },
    },
  });
  return stateOf(course, course.sessions, await getServiceTimeZone(db), now);
}
