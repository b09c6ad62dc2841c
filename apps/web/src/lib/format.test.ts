import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "./format";

describe("calendar dates", () => {
  it("shows a plan date as the same day wherever the user is", () => {
    expect(formatCalendarDate("2026-01-31")).toBe("Sat, 31 Jan 2026");
    expect(formatCalendarDate("2026-03-29")).toBe("Sun, 29 Mar 2026");
  });
});
