import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetween,
  fromDateColumn,
  isCalendarDate,
  weekdayOf,
  nextWorkingDay,
  onOrAfterWeekday,
  toDateColumn,
} from "./calendar";

describe("calendar dates", () => {
  it("accepts only real dates written YYYY-MM-DD", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("02/03/2026")).toBe(false);
    expect(isCalendarDate("2026-3-2")).toBe(false);
  });

  it("adds days across month, year and leap-day ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("counts whole days across the DST changes of Europe and Australia", () => {
    // A day arithmetic on local midnights would count 23 or 25 hours here and round wrongly.
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(daysBetween("2026-04-04", "2026-04-06")).toBe(2);
    expect(daysBetween("2026-10-03", "2026-10-05")).toBe(2);
    expect(daysBetween("2026-03-09", "2026-03-02")).toBe(-7);
  });

  it("names the ISO weekday, Monday 1 to Sunday 7", () => {
    expect(weekdayOf("2026-03-02")).toBe(1);
    expect(weekdayOf("2026-03-06")).toBe(5);
    expect(weekdayOf("2026-03-08")).toBe(7);
  });

  it("finds the next date on a weekday, the same day included", () => {
    expect(onOrAfterWeekday("2026-03-02", 1)).toBe("2026-03-02");
    expect(onOrAfterWeekday("2026-03-03", 1)).toBe("2026-03-09");
    expect(onOrAfterWeekday("2026-03-02", 4)).toBe("2026-03-05");
  });

  it("gives the next working day, skipping the weekend", () => {
    expect(nextWorkingDay("2026-03-02")).toBe("2026-03-03"); // Monday → Tuesday
    expect(nextWorkingDay("2026-03-06")).toBe("2026-03-09"); // Friday → Monday
    expect(nextWorkingDay("2026-03-07")).toBe("2026-03-09"); // Saturday → Monday
    expect(nextWorkingDay("2026-03-08")).toBe("2026-03-09"); // Sunday → Monday
  });

  it("reads and writes date columns as UTC midnight", () => {
    expect(toDateColumn("2026-03-02").toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(fromDateColumn(new Date("2026-03-02T00:00:00.000Z"))).toBe("2026-03-02");
    expect(() => toDateColumn("2026-02-30")).toThrow(RangeError);
  });
});
