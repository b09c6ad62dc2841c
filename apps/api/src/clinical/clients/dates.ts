// Calendar dates (PostgreSQL `date`) travel as "YYYY-MM-DD" strings; Prisma reads them as UTC midnight.

/** "2026-01-31" from a date column. */
export const toIsoDate = (date: Date) => date.toISOString().slice(0, 10);

/** The same for a nullable date column. */
export const isoDateOrNull = (date: Date | null) => (date ? toIsoDate(date) : null);

/** A date column value from "2026-01-31". */
export const fromIsoDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Today's date in UTC, as "YYYY-MM-DD". */
export const todayIso = (now = new Date()) => toIsoDate(now);
