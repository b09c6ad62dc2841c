import type { SessionDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { COURSE_ID, riskFlag, score, sessionIdOf } from "../test-fixtures";
import { elements, renderHtml, textOf } from "../../../test/static-render";
import { recordingBlockedReason, SessionMeasures } from "./session-measures";
import { sessionWhenOn } from "../../../test/session-when";

function session(patch: Partial<SessionDetail> = {}): SessionDetail {
  return {
    id: sessionIdOf(1),
    course: {
      id: COURSE_ID,
      clientId: "00000000-0000-4000-8000-000000000002",
      clientName: "Client T-1 (invented)",
      format: "standard",
      lineage: "weissman",
      phase: "initial",
      plannedSessions: 12,
      primaryArea: null,
      disputeStage: null,
      sensitivityModifier: false,
    },
    number: 1,
    ...sessionWhenOn("2026-09-01"),
    phase: "initial",
    slot: "initial-1",
    status: "held",
    agenda: [],
    techniques: [],
    incident: "",
    notes: "",
    betweenSessionWork: "",
    nextFocus: "",
    cancelReason: null,
    signedAt: null,
    signedBy: null,
    version: 1,
    amendments: [],
    scores: [],
    riskFlags: [],
    ...patch,
  };
}

const render = (value: SessionDetail) =>
  renderHtml(<SessionMeasures session={value} headingId="measures-heading" />);
const buttons = (html: string) => elements(html, "button").map((button) => button.text);

describe("SessionMeasures", () => {
  it("offers each measure at a held session, and links to the course's trend", () => {
    const html = render(session());
    expect(buttons(html)).toEqual(["Record PHQ-9", "Record GAD-7", "Record HAM-D-17 total"]);
    const link = elements(html, "a").find((a) => a.text === "Scores and trend for this course");
    expect(link?.attrs.href).toBe(`/courses/${COURSE_ID}/measures`);
    expect(textOf(html)).toContain("No scores recorded at this session.");
  });

  it("explains why nothing can be recorded before the session is held", () => {
    const html = render(session({ status: "planned" }));
    expect(buttons(html)).toEqual([]);
    expect(textOf(html)).toContain("Mark the session as held to record scores.");
    expect(recordingBlockedReason(session({ status: "no_show" }))).toBe(
      "Mark the session as held to record scores.",
    );
    expect(recordingBlockedReason(session({ status: "cancelled" }))).toMatch(/cancelled session/);
    expect(recordingBlockedReason(session({ course: { ...session().course, phase: "completed" } }))).toMatch(
      /course has ended/,
    );
    expect(recordingBlockedReason(session())).toBeNull();
  });

  it("lists the scores recorded here, each with Correct, and offers only the measures not yet recorded", () => {
    const html = render(session({ scores: [score(1, "phq9", 1, 16), score(2, "gad7", 1, 12)] }));
    const table = elements(html, "table")[0];
    expect(elements(table?.inner ?? "", "caption")[0]?.text).toBe("Scores recorded at this session");
    const rows = elements(table?.inner ?? "", "tr").slice(1);
    expect(rows.map((row) => row.text)).toEqual([
      "PHQ-9 16 Moderately severe Entered by Tess Marlowe Correct the PHQ-9 score",
      "GAD-7 12 Moderate Entered by Tess Marlowe Correct the GAD-7 score",
    ]);
    expect(buttons(html).filter((text) => text.startsWith("Record"))).toEqual(["Record HAM-D-17 total"]);
  });

  it("shows a risk flag raised here, before the scores", () => {
    const html = render(session({ scores: [score(1, "phq9", 1, 16)], riskFlags: [riskFlag()] }));
    expect(html.indexOf("Risk flag: PHQ-9 item 9")).toBeLessThan(
      html.indexOf("Scores recorded at this session"),
    );
    expect(buttons(html)).toContain("Record safety follow-up");
  });
});
