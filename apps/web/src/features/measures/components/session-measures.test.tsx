import { riskReviewOf, type SessionDetail } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { COURSE_ID, riskFlag, score, sessionIdOf } from "../test-fixtures";
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
    riskReview: riskReviewOf({ required: false, done: false, note: "" }),
    parentAttendance: null,
    signedAt: null,
    signedBy: null,
    version: 1,
    amendments: [],
    scores: [],
    riskFlags: [],
    ...patch,
  };
}

const renderMeasures = (value: SessionDetail) =>
  renderWithProviders(<SessionMeasures session={value} headingId="measures-heading" />);
const buttons = () => screen.queryAllByRole("button").map(textOf);

describe("SessionMeasures", () => {
  it("offers each measure at a held session, and links to the course's trend", () => {
    renderMeasures(session());
    expect(buttons()).toEqual(["Record PHQ-9", "Record GAD-7", "Record HAM-D-17 total"]);
    expect(screen.getByRole("link", { name: "Scores and trend for this course" }).getAttribute("href")).toBe(
      `/courses/${COURSE_ID}/measures`,
    );
    expect(screen.getByText("No scores recorded at this session.")).toBeTruthy();
  });

  it("explains why nothing can be recorded before the session is held", () => {
    renderMeasures(session({ status: "planned" }));
    expect(buttons()).toEqual([]);
    expect(screen.getByText("Mark the session as held to record scores.")).toBeTruthy();
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
    renderMeasures(session({ scores: [score(1, "phq9", 1, 16), score(2, "gad7", 1, 12)] }));
    const table = screen.getByRole("table", { name: "Scores recorded at this session" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map(textOf)).toEqual([
      "PHQ-9 16 Moderately severe Entered by Tess Marlowe Correct the PHQ-9 score",
      "GAD-7 12 Moderate Entered by Tess Marlowe Correct the GAD-7 score",
    ]);
    expect(screen.getByRole("button", { name: "Correct the PHQ-9 score" })).toBeTruthy();
    expect(buttons().filter((text) => text.startsWith("Record"))).toEqual(["Record HAM-D-17 total"]);
  });

  it("shows a risk flag raised here, before the scores", () => {
    renderMeasures(session({ scores: [score(1, "phq9", 1, 16)], riskFlags: [riskFlag()] }));
    const flag = screen.getAllByText(/Risk flag: PHQ-9 item 9/)[0] as HTMLElement;
    const scores = screen.getByRole("table", { name: "Scores recorded at this session" });
    expect(flag.compareDocumentPosition(scores) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(buttons()).toContain("Record safety follow-up");
  });
});
