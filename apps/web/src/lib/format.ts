const locale = "en-GB";

const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

// Calendar dates ("2026-01-31", no time) are read and shown in UTC so no time zone moves the day.
const calendarDateFormat = new Intl.DateTimeFormat(locale, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2026-01-31" → "Sat, 31 Jan 2026". */
export function formatCalendarDate(isoDate: string): string {
  return calendarDateFormat.format(new Date(`${isoDate}T00:00:00Z`));
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
