// Calendar dates as "YYYY-MM-DD" strings: a day on the service's calendar, with no time and no zone.
// Arithmetic runs on UTC epoch days, so neither the machine's time zone nor a DST change can shift a
// day. Which day "today" is depends on the service's time zone: see zone.ts.

/** "2026-01-31": a calendar date with no time of day. */
export type CalendarDate = string;

const calendarDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The ISO weekdays: 1 = Monday … 7 = Sunday. */
export const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;
export type IsoWeekday = (typeof isoWeekdays)[number];

/** Milliseconds at UTC midnight of the date, or NaN for anything but a real calendar date. */
function epochMs(date: string): number {
  const match = calendarDatePattern.exec(date);
  if (!match) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2026-02-30 over into March; the round trip catches that.
  return fromEpochMs(ms) === date ? ms : Number.NaN;
}

const fromEpochMs = (ms: number): CalendarDate => new Date(ms).toISOString().slice(0, 10);

function checkedEpochMs(date: string): number {
  const ms = epochMs(date);
  if (Number.isNaN(ms)) throw new RangeError(`Not a calendar date: "${date}".`);
  return ms;
}

/** True for a real date written "YYYY-MM-DD" (not 2026-02-30, not 02/03/2026). */
export function isCalendarDate(value: string): boolean {
  return !Number.isNaN(epochMs(value));
}

/** The date `days` later (earlier when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochMs(checkedEpochMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((checkedEpochMs(to) - checkedEpochMs(from)) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: CalendarDate): IsoWeekday {
  const day = new Date(checkedEpochMs(date)).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

/** The first date on or after `date` that falls on `weekday`. */
export function onOrAfterWeekday(date: CalendarDate, weekday: IsoWeekday): CalendarDate {
  return addDays(date, (weekday - weekdayOf(date) + 7) % 7);
}

/** The next Monday to Friday after `date` (Friday → Monday). */
export function nextWorkingDay(date: CalendarDate): CalendarDate {
  const next = addDays(date, 1);
  const weekday = weekdayOf(next);
  return weekday <= 5 ? next : addDays(next, 8 - weekday);
}

/** The later of two dates. */
export const laterDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b);

// PostgreSQL `date` columns: Prisma reads and writes them as UTC midnight.

/** "2026-01-31" from a date column. */
export const fromDateColumn = (date: Date): CalendarDate => date.toISOString().slice(0, 10);

/** The same for a nullable date column. */
export const fromNullableDateColumn = (date: Date | null): CalendarDate | null =>
  date ? fromDateColumn(date) : null;

/** A date column's value for "2026-01-31". */
export const toDateColumn = (date: CalendarDate): Date => new Date(checkedEpochMs(date));
