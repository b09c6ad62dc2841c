import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatDate, formatDateTime, formatSessionWhen } from "./format";

describe("calendar dates", () => {
  it("shows a plan date as the same day wherever the user is", () => {
    expect(formatCalendarDate("2026-01-31")).toBe("Sat, 31 Jan 2026");
    expect(formatCalendarDate("2026-03-29")).toBe("Sun, 29 Mar 2026");
  });

  it("shows a session's date with its time of day as stored, whatever the browser's zone", () => {
    expect(formatSessionWhen({ plannedDate: "2026-03-29", startTime: "01:30" })).toBe(
      "Sun, 29 Mar 2026, 01:30",
    );
    expect(formatSessionWhen({ plannedDate: "2026-10-04", startTime: "17:05" })).toBe(
      "Sun, 4 Oct 2026, 17:05",
    );
  });
});

describe("dates written out by hand read as Intl's en-GB forms", () => {
  // Every day of two years (a leap year among them), at a time of day that moves in some zones.
  const days = Array.from({ length: 731 }, (_, i) => new Date(Date.UTC(2027, 11, 1 + i, 13, 7)));

  it("calendar dates", () => {
    const intl = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    for (const day of days) {
      expect(formatCalendarDate(day.toISOString().slice(0, 10))).toBe(intl.format(day));
    }
  });

  it("dates and times in the browser's zone", () => {
    const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
    const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });
    for (const day of days) {
      expect(formatDateTime(day.toISOString())).toBe(dateTime.format(day));
      expect(formatDate(day.toISOString())).toBe(date.format(day));
    }
    expect(formatDateTime("2026-09-06T04:05:00")).toBe("6 Sept 2026, 04:05");
  });

  it("refuses what is not a date, as Intl does", () => {
    expect(() => formatDateTime("not a date")).toThrow(RangeError);
    expect(() => formatCalendarDate("2026-13-45")).toThrow(RangeError);
  });
});
