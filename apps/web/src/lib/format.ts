// Dates are written out by hand, in the en-GB forms Intl.DateTimeFormat gives ("Sat, 31 Jan 2026",
// "6 Sept 2026, 14:05"): the first Intl formatter of a page costs tens of milliseconds of ICU set-up
// (more on a slow phone), and every signed-in page shows dates in its first render (docs/benchmarks.md).
// format.test.ts checks each form against Intl's.
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"] as const;

const twoDigits = (value: number) => String(value).padStart(2, "0");

function validDate(date: Date, input: string): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid time value: ${input}`);
  return date;
}

/** "6 Sept 2026, 14:05" in the browser's time zone. */
export function formatDateTime(iso: string): string {
  const date = validDate(new Date(iso), iso);
  return `${formatDate(iso)}, ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}

/** "6 Sept 2026" in the browser's time zone. */
export function formatDate(iso: string): string {
  const date = validDate(new Date(iso), iso);
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

// Calendar dates ("2026-01-31", no time) are read and shown in UTC so no time zone moves the day.
/** "2026-01-31" → "Sat, 31 Jan 2026". */
export function formatCalendarDate(isoDate: string): string {
  const date = validDate(new Date(`${isoDate}T00:00:00Z`), isoDate);
  return `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/**
 * When a session is, as every screen shows it: "Mon, 2 Mar 2026, 09:30". The date and time are the
 * service's own (its time zone), shown as stored, never converted to the browser's zone.
 */
export function formatSessionWhen(session: { plannedDate: string; startTime: string }): string {
  return `${formatCalendarDate(session.plannedDate)}, ${session.startTime}`;
}

/** "Showing 26–50 of 112" style range for a page of results. */
export function describeRange(page: number, pageSize: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return "No results";
  const first = (page - 1) * pageSize + 1;
  const last = first + shown - 1;
  return `Showing ${first}–${last} of ${total}`;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
