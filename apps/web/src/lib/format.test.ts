import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatSessionWhen } from "./format";

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
