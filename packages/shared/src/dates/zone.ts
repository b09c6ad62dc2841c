// The service's time zone: which calendar day "today" is, and a local date and time of day there as an
// instant and back. Offsets come from @date-fns/tz's `tzOffset` (the runtime's own time-zone data
// through Intl), so the server and every browser agree whatever zone their machine is in.
import { tzOffset } from "@date-fns/tz";
import { isCalendarDate, type CalendarDate } from "./calendar";
import { minutesOfDay, type TimeOfDay } from "./time-of-day";

/**
 * Offsets already looked up, by zone and instant. Each lookup formats a date through Intl (a few
 * microseconds, and the supervisor's cockpit makes five per open risk flag on every request:
 * docs/benchmarks.md, "The cockpit's API CPU"); an offset at an instant never changes while the
 * process runs, so it is kept. Bounded: a zone's map starts again once it holds OFFSET_CACHE_SIZE.
 */
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_SIZE = 10_000;

/** The zone's offset from UTC at `ms`, in milliseconds (east positive). */
function offsetMs(timeZone: string, ms: number): number {
  let zone = offsetCache.get(timeZone);
  const cached = zone?.get(ms);
  if (cached !== undefined) return cached;
  const minutes = tzOffset(timeZone, new Date(ms));
  if (Number.isNaN(minutes)) throw new RangeError(`Unknown time zone: "${timeZone}".`);
  const offset = Math.round(minutes * 60_000);
  if (!zone || zone.size >= OFFSET_CACHE_SIZE) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  zone.set(ms, offset);
  return offset;
}

const pad = (value: number) => String(value).padStart(2, "0");

/** The local date and time of day of an instant in the zone. */
export function toZoned(instant: Date, timeZone: string): { date: CalendarDate; time: TimeOfDay } {
  const local = new Date(instant.getTime() + offsetMs(timeZone, instant.getTime()));
  return {
    date: local.toISOString().slice(0, 10),
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}

/** Today's date in the zone at the instant `now`. */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  return toZoned(now, timeZone).date;
}

/**
 * The instant of a local date and time of day in the zone. Around a DST change it resolves as
 * Temporal's "compatible" rule does: a time the clocks skip (01:30 on the spring-forward night in
 * London) moves forward by the gap (02:30 BST); a time that happens twice (01:30 on the autumn night)
 * is the earlier of the two.
 */
export function fromZoned(date: CalendarDate, time: TimeOfDay, timeZone: string): Date {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: "${date}".`);
  const wall = Date.parse(`${date}T00:00:00.000Z`) + minutesOfDay(time) * 60_000;
  // At most one offset change lies within a day either side, so these are the only offsets in play.
  const before = offsetMs(timeZone, wall - 86_400_000);
  const after = offsetMs(timeZone, wall + 86_400_000);
  // No change within the two days (nearly every day): the one offset in play. (What the general case
  // below gives too, whether or not it fits.)
  if (before === after) return new Date(wall - before);
  const fits = (offset: number) => offsetMs(timeZone, wall - offset) === offset;
  const candidates = [before, after].filter(fits).map((offset) => wall - offset);
  // In a gap neither offset fits: keep the offset in force before the change, which lands after it.
  return new Date(candidates.length > 0 ? Math.min(...candidates) : wall - before);
}
