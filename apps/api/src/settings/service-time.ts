// The API's dates in the service's time zone: "today" for every clinical rule (the calendar day at the
// request's time, Actor.now from the app's clock, never the server's own zone or UTC), and when a
// session is, as the contracts carry it.
import { fromDateColumn, fromZoned, todayIn, type CalendarDate, type TimeOfDay } from "@ipt/shared";
import type { Db } from "../db/prisma";
import { getServiceTimeZone } from "../clinical/measures/settings-read";

export async function serviceToday(db: Db, now: Date): Promise<CalendarDate> {
  return todayIn(await getServiceTimeZone(db), now);
}

/** The columns that say when a session is. */
export const sessionWhenSelect = { plannedDate: true, startTime: true, durationMinutes: true } as const;

/** A session's date, time of day and length as stored, and the UTC instant it starts in the zone. */
export function sessionWhen(
  row: { plannedDate: Date; startTime: TimeOfDay; durationMinutes: number },
  timeZone: string,
) {
  const plannedDate = fromDateColumn(row.plannedDate);
  return {
    plannedDate,
    startTime: row.startTime,
    durationMinutes: row.durationMinutes,
    startsAt: fromZoned(plannedDate, row.startTime, timeZone).toISOString(),
  };
}
