// Calendar dates as ISO `YYYY-MM-DD` strings; arithmetic in UTC so time zones and DST never shift a day.
import { PlanRuleError } from "./plan-error";
import type { Frequency } from "./vocabulary";

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 24 * 60 * 60 * 1000;

export const frequencyDays: Record<Frequency, number> = { weekly: 7, fortnightly: 14 };

/** Milliseconds since the epoch at UTC midnight; throws PlanRuleError for anything but a real calendar date. */
function toUtcMs(date: string, field: string): number {
  const match = isoDatePattern.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  // Date.UTC rolls 2026-02-30 over into March; the round trip catches that.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new PlanRuleError(field, `Use a real date like 2026-01-31 (got "${date}").`);
  }
  return ms;
}

export function addDays(date: string, days: number, field = "date"): string {
  return new Date(toUtcMs(date, field) + days * dayMs).toISOString().slice(0, 10);
}

/** Checks an ISO date; throws PlanRuleError naming `field` if it is not a real calendar date. */
export function assertIsoDate(date: string, field: string): void {
  toUtcMs(date, field);
}

/** `count` dates from `startDate`, one interval apart (weekly 7 days, fortnightly 14). */
export function sessionDates(startDate: string, count: number, frequency: Frequency): string[] {
  assertIsoDate(startDate, "startDate");
  return Array.from({ length: count }, (_, index) =>
    addDays(startDate, index * frequencyDays[frequency], "startDate"),
  );
}

/** The date one interval after `lastDate`, for appending a session to the plan. */
export function nextSessionDate(lastDate: string, frequency: Frequency): string {
  return addDays(lastDate, frequencyDays[frequency], "plannedDate");
}
