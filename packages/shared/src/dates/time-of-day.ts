// Times of day as "HH:MM" strings on the 24-hour clock: a wall-clock time with no date and no zone.

/** "09:30": a time of day on the 24-hour clock, to the minute. */
export type TimeOfDay = string;

const timeOfDayPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for "00:00" to "23:59". */
export const isTimeOfDay = (value: string): boolean => timeOfDayPattern.test(value);

/** Minutes since midnight of "HH:MM". */
export function minutesOfDay(time: TimeOfDay): number {
  const match = timeOfDayPattern.exec(time);
  if (!match) throw new RangeError(`Not a time of day: "${time}".`);
  return Number(match[1]) * 60 + Number(match[2]);
}
