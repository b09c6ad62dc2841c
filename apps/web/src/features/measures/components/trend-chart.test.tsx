import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { sessionIdOf } from "../../../test/fixtures";
import { textOf } from "../../../test/queries";
import { courseWith, riskFlag, score } from "../test-fixtures";
import { TrendChart } from "./trend-chart";
import {
  eventMarks,
  keyEventPlacement,
  keyEventsSentence,
  phaseRanges,
  trendAnnotations,
  trendRows,
  trendSummary,
} from "./trend-data";

const responding = courseWith(
  [
    score(1, "phq9", 1, 16),
    score(2, "gad7", 1, 12),
    score(3, "phq9", 2, 14, { current: false }),
    score(4, "phq9", 2, 15, {
      correctsId: "00000000-0000-4000-8000-000000000003",
      correctionReason: "Typo.",
    }),
    score(5, "phq9", 4, 9),
    score(6, "hamd17", 4, 12),
    score(7, "phq9", 8, 5),
    score(8, "gad7", 8, 6),
  ],
  [riskFlag()],
);

describe("trend data", () => {
  it("has one row per session with a current PHQ-9 or GAD-7, corrections replacing originals", () => {
    expect(
      trendRows(responding).map((row) => [
        row.sessionNumber,
        row.phq9?.total ?? null,
        row.gad7?.total ?? null,
      ]),
    ).toEqual([
      [1, 16, 12],
      [2, 15, null],
      [4, 9, null],
      [8, 5, 6],
    ]);
    expect(trendRows(responding)[0]?.phq9?.band.label).toBe("Moderately severe");
  });

  it("finds the plan's phases as ranges of sessions", () => {
    expect(phaseRanges(responding.sessions)).toEqual([
      { phase: "initial", from: 1, to: 3 },
      { phase: "middle", from: 4, to: 10 },
      { phase: "termination", from: 11, to: 12 },
    ]);
  });

  it("marks a risk flag at its session's PHQ-9 and a reliable deterioration at the latest score", () => {
    expect(trendAnnotations(responding, trendRows(responding))).toEqual([
      {
        key: "risk-00000000-0000-4000-8000-000000000500",
        sessionNumber: 1,
        total: 16,
        label: "Item 9",
        severity: "red",
      },
    ]);
    const worse = courseWith([score(1, "phq9", 1, 8), score(2, "phq9", 4, 15)]);
    expect(worse.flags.map((flag) => flag.code)).toContain("reliable_deterioration");
    expect(trendAnnotations(worse, trendRows(worse))).toContainEqual(
      expect.objectContaining({ sessionNumber: 4, total: 15, label: "Deterioration" }),
    );
  });

  it("sums the chart up in one sentence", () => {
    const rows = trendRows(responding);
    expect(trendSummary(rows, trendAnnotations(responding, rows))).toBe(
      "PHQ-9 from 16 at session 1 to 5 at session 8. GAD-7 from 12 at session 1 to 6 at session 8. " +
        "Marked: Item 9 at session 1.",
    );
    const one = courseWith([score(1, "phq9", 1, 18)]);
    expect(trendSummary(trendRows(one), [])).toBe("PHQ-9 18 at session 1. No GAD-7 scores.");
  });
});

describe("TrendChart", () => {
  const summary =
    "PHQ-9 from 16 at session 1 to 5 at session 8. GAD-7 from 12 at session 1 to 6 at session 8. " +
    "Marked: Item 9 at session 1.";

  it("is a figure with a caption, whose chart is one image named by its summary", () => {
    render(<TrendChart measures={responding} />);
    const figure = screen.getByRole("figure");
    expect(textOf(figure.querySelector("figcaption"))).toMatch(/^PHQ-9 \(solid line, filled dots\)/);
    expect(within(figure).getByRole("img", { name: summary })).toBeTruthy();
  });

  it("is followed by the same data as a table", () => {
    render(<TrendChart measures={responding} />);
    const table = screen.getByRole("table", { name: "PHQ-9 and GAD-7 by session" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(5);
    expect(textOf(rows[0])).toBe("Session Date PHQ-9 (0–27) GAD-7 (0–21)");
    expect(textOf(rows[1])).toMatch(/^Session 1 .* 16 Moderately severe 12 Moderate$/);
    expect(textOf(rows[2])).toMatch(/^Session 2 .* 15 Moderately severe Not recorded$/);
    expect(within(table).getAllByRole("rowheader")).toHaveLength(4);
  });

  it("says so when there are no scores, with no empty chart", () => {
    render(<TrendChart measures={courseWith([])} />);
    expect(screen.getByText("No scores recorded yet.")).toBeTruthy();
    expect(screen.queryByRole("figure")).toBeNull();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("life events and the onset on the chart", () => {
  const weekly = [
    { id: sessionIdOf(1), number: 1, plannedDate: "2026-09-01", phase: "initial", status: "held" },
    { id: sessionIdOf(2), number: 2, plannedDate: "2026-09-08", phase: "initial", status: "held" },
    { id: sessionIdOf(3), number: null, plannedDate: "2026-09-10", phase: null, status: "cancelled" },
    { id: sessionIdOf(4), number: 3, plannedDate: "2026-09-15", phase: "middle", status: "planned" },
  ] as Parameters<typeof eventMarks>[0];

  it("places an event between the sessions whose dates bracket it, and leaves out those outside", () => {
    const marks = eventMarks(weekly, [
      { date: "2026-08-01", label: "Onset" },
      { date: "2026-09-04", label: "Dispute" },
      { date: "2026-09-08", label: "Death" },
      { date: "2026-09-20", label: "Other event" },
    ]);
    expect(marks.map((mark) => [mark.label, Number(mark.x.toFixed(3))])).toEqual([
      ["Dispute", 1.429],
      ["Death", 2],
    ]);
  });

  it("names the marked events in the chart's accessible summary", () => {
    render(<TrendChart measures={responding} events={[{ date: "2026-09-03", label: "Dispute" }]} />);
    expect(screen.getByRole("img").getAttribute("aria-label")).toMatch(
      /Marked on the session axis: Dispute \(2026-09-03\)\.$/,
    );
  });
});

describe("the problem area's key events on the chart", () => {
  const weekly = [
    { id: sessionIdOf(1), number: null, plannedDate: "2026-08-25", phase: null, status: "cancelled" },
    { id: sessionIdOf(2), number: 1, plannedDate: "2026-09-01", phase: "initial", status: "held" },
    { id: sessionIdOf(3), number: 2, plannedDate: "2026-09-08", phase: "initial", status: "held" },
  ] as Parameters<typeof eventMarks>[0];

  it("puts events before the first session in the Before slot and places the rest on the axis", () => {
    const placement = keyEventPlacement(weekly, [
      { date: "2024-05-01", label: "Death" },
      { date: "2026-08-26", label: "Dispute" },
      { date: "2026-09-04", label: "Dispute stage: Impasse" },
      { date: "2026-10-01", label: "Life change" },
    ]);
    expect(placement.before.map((mark) => mark.label)).toEqual(["Death", "Dispute"]);
    expect(placement.within.map((mark) => [mark.label, Number(mark.x.toFixed(3))])).toEqual([
      ["Dispute stage: Impasse", 1.429],
    ]);
    expect(keyEventsSentence(placement)).toBe(
      " Key events of the problem area: Death (2024-05-01, before session 1); Dispute (2026-08-26, " +
        "before session 1); Dispute stage: Impasse (2026-09-04).",
    );
  });

  it("names them in the chart's accessible summary, apart from the life events", () => {
    render(
      <TrendChart
        measures={responding}
        events={[{ date: "2026-09-03", label: "Other event" }]}
        keyEvents={[{ date: "2025-01-10", label: "Death" }]}
      />,
    );
    expect(screen.getByRole("img").getAttribute("aria-label")).toMatch(
      /Marked on the session axis: Other event \(2026-09-03\)\. Key events of the problem area: Death \(2025-01-10, before session 1\)\.$/,
    );
  });
});
