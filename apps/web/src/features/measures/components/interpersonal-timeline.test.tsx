// The interpersonal timeline through the DOM: the onset and the life events placed against the
// course's scores, in date order, as one list.
import type { LifeEvent, LifeEventKind } from "@ipt/shared";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { testId } from "../../../test/fixtures";
import { textOf } from "../../../test/queries";
import { courseWith, score } from "../test-fixtures";
import { InterpersonalTimeline } from "./interpersonal-timeline";
import { relativeToOnset, timelineEntries } from "./timeline-data";

const kindLabels: Record<LifeEventKind, string> = {
  death: "Death",
  dispute: "Dispute",
  transition: "Life change",
  other: "Other event",
};

const event = (n: number, occurredOn: string, kind: LifeEventKind, description: string): LifeEvent => ({
  id: testId(700 + n),
  occurredOn,
  kind,
  description,
  personId: null,
  version: 1,
});

// Session 1 is scored on 2026-02-11 and session 8 on 2026-03-18 (the fixtures' dates).
const measures = courseWith([score(1, "phq9", 1, 16), score(2, "phq9", 8, 5), score(3, "gad7", 8, 6)], []);
const events = [
  event(2, "2026-03-01", "transition", "Invented: moved out."),
  event(1, "2025-10-01", "death", "Invented: a grandparent died."),
];

const items = () =>
  within(screen.getByRole("list", { name: "Interpersonal timeline" })).getAllByRole("listitem");

describe("the interpersonal timeline", () => {
  it("places the onset and the life events between the scored sessions, oldest first", () => {
    render(
      <InterpersonalTimeline
        measures={measures}
        onset="2026-01-10"
        events={events}
        kindLabels={kindLabels}
      />,
    );

    const texts = items().map(textOf);
    expect(texts).toHaveLength(5);
    expect(texts[0]).toMatch(
      /Death: Invented: a grandparent died\. — about 3 months before the episode began$/,
    );
    expect(texts[1]).toMatch(/The episode began$/);
    expect(texts[2]).toMatch(/Session 1: PHQ-9 16 \(Moderately severe\)$/);
    expect(texts[3]).toMatch(/Life change: Invented: moved out\. — 7 weeks after the episode began$/);
    expect(texts[4]).toMatch(/Session 8: PHQ-9 5 \(Mild\), GAD-7 6 \(Mild\)$/);
    // Each date is a machine-readable <time>.
    expect(items()[1]?.querySelector("time")?.getAttribute("dateTime")).toBe("2026-01-10");
  });

  it("without an onset lists the events and says where to record it", () => {
    render(
      <InterpersonalTimeline measures={measures} onset={null} events={events} kindLabels={kindLabels} />,
    );
    expect(screen.getByText(/onset is not recorded/)).toBeTruthy();
    expect(items().map(textOf)[0]).toMatch(/Death: Invented: a grandparent died\.$/);
  });

  it("says what to record when there is neither an onset nor an event", () => {
    render(<InterpersonalTimeline measures={measures} onset={null} events={[]} kindLabels={kindLabels} />);
    expect(screen.getByText("No onset or life events recorded yet.")).toBeTruthy();
    expect(screen.queryByRole("list")).toBeNull();
  });
});

describe("timeline data", () => {
  it("puts a same-day event before the onset, and the onset before that day's scores", () => {
    const entries = timelineEntries({
      onset: "2026-02-11",
      events: [event(3, "2026-02-11", "dispute", "Invented.")],
      rows: [{ sessionNumber: 1, date: "2026-02-11", phq9: null, gad7: null }],
    });
    expect(entries.map((entry) => entry.type)).toEqual(["event", "onset", "scores"]);
  });

  it.each([
    [0, "on the day the episode began"],
    [-1, "1 day before the episode began"],
    [13, "13 days after the episode began"],
    [-14, "2 weeks before the episode began"],
    [59, "8 weeks after the episode began"],
    [-400, "about 13 months before the episode began"],
  ])("%i days reads %s", (days, text) => {
    expect(relativeToOnset(days)).toBe(text);
  });
});
