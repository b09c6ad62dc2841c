import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ServiceTimeZoneProvider } from "./service-time-zone";
import { useServiceToday } from "./service-today";

function Today() {
  return <p>{useServiceToday()}</p>;
}

// Rendered to markup (no DOM needed): the paragraph's text is the day.
const todayIn = (timeZone: string) =>
  renderToStaticMarkup(
    <ServiceTimeZoneProvider value={timeZone}>
      <Today />
    </ServiceTimeZoneProvider>,
  ).replace(/<\/?p>/g, "");

describe("today on the web", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is the service's day, east of UTC early in the morning, whatever the browser's zone", () => {
    vi.setSystemTime(new Date("2026-03-01T22:30:00Z")); // 09:30 on 2 March in Sydney
    expect(todayIn("Australia/Sydney")).toBe("2026-03-02");
    expect(todayIn("Europe/London")).toBe("2026-03-01");
  });

  it("is the service's day, west of UTC late in the evening", () => {
    vi.setSystemTime(new Date("2026-03-02T07:30:00Z")); // 23:30 on 1 March in Los Angeles
    expect(todayIn("America/Los_Angeles")).toBe("2026-03-01");
    expect(todayIn("Pacific/Kiritimati")).toBe("2026-03-02");
  });

  it("turns at the service's midnight across a DST change", () => {
    vi.setSystemTime(new Date("2026-03-29T22:59:00Z")); // 23:59 BST on 29 March
    expect(todayIn("Europe/London")).toBe("2026-03-29");
    vi.setSystemTime(new Date("2026-03-29T23:00:00Z"));
    expect(todayIn("Europe/London")).toBe("2026-03-30");
  });

  it("is refused outside the signed-in app, where the service's zone is unknown", () => {
    expect(() => renderToStaticMarkup(<Today />)).toThrow(/inside the signed-in app shell/);
  });
});
