// The risk review a session carries after a risk flag on its course: the shared rule
// (packages/shared/src/safety/risk-review.ts) applied to the stored session and the course's flags.
import { fromDateColumn, riskReviewRequired, type SessionPosition } from "@ipt/shared";
import type { Db } from "../db/prisma";

export const positionSelect = { plannedDate: true, startTime: true, createdOrder: true } as const;

export interface PositionRow {
  plannedDate: Date;
  startTime: string;
  createdOrder: number;
}

export const positionOf = (row: PositionRow): SessionPosition => ({
  date: fromDateColumn(row.plannedDate),
  time: row.startTime,
  createdOrder: row.createdOrder,
});

/** The course's flags, by the session each was raised at (for a select on the course). */
export const courseFlagSessionsSelect = {
  riskFlags: { select: { session: { select: positionSelect } } },
} as const;

export function requiredFor(session: PositionRow, flags: readonly { session: PositionRow }[]): boolean {
  return riskReviewRequired(
    positionOf(session),
    flags.map((flag) => positionOf(flag.session)),
  );
}

/** Whether this session carries the risk review (one query: the course's flags' sessions). */
export async function riskReviewRequiredAt(db: Db, courseId: string, session: PositionRow) {
  const flags = await db.riskFlag.findMany({
    where: { courseId },
    select: { session: { select: positionSelect } },
  });
  return requiredFor(session, flags);
}
