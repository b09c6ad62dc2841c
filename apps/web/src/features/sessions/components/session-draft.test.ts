import type { AgendaItem, SessionDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { addCustomItem, draftChanges, draftFrom, removeItem, setItemDone, withStatus } from "./session-draft";

const item = (key: string, done = false): AgendaItem => ({
  key,
  text: `Item ${key}`,
  kind: "phase_task",
  sources: ["S9"],
  done,
});

const session = {
  status: "planned",
  agenda: [item("middle.opening"), item("middle.incident")],
  techniques: ["role_play", "clarification"],
  incident: "",
  notes: "Opened with mood review.",
  betweenSessionWork: "",
  nextFocus: "",
  riskReview: { required: true, done: false, note: "" },
} as unknown as SessionDetail;

describe("draftChanges", () => {
  it("sends the risk review's tick and note when they change", () => {
    const draft = {
      ...draftFrom(session),
      riskReviewDone: true,
      riskReviewNote: "No thoughts of self-harm.",
    };
    expect(draftChanges(session, draft)).toEqual({
      riskReviewDone: true,
      riskReviewNote: "No thoughts of self-harm.",
    });
  });

  it("sends nothing when nothing changed, even if techniques were ticked in another order", () => {
    const draft = { ...draftFrom(session), techniques: ["clarification" as const, "role_play" as const] };
    expect(draftChanges(session, draft)).toEqual({});
  });

  it("sends only the fields that changed", () => {
    const draft = {
      ...draftFrom(session),
      status: "held" as const,
      agenda: setItemDone(session.agenda, "middle.opening", true),
      nextFocus: "The argument with the sister.",
    };
    expect(draftChanges(session, draft)).toEqual({
      status: "held",
      agenda: [item("middle.opening", true), item("middle.incident")],
      nextFocus: "The argument with the sister.",
    });
  });
});

describe("IPT-A parent or carer attendance in the draft [S20c]", () => {
  const held = { ...session, status: "held", parentAttendance: "joint" } as SessionDetail;

  it("is sent when it changes, null clearing it", () => {
    expect(draftChanges(held, { ...draftFrom(held), parentAttendance: "parent_only" })).toEqual({
      parentAttendance: "parent_only",
    });
    expect(draftChanges(held, { ...draftFrom(held), parentAttendance: null })).toEqual({
      parentAttendance: null,
    });
  });

  it("is cleared when the session is no longer held, and kept while it is", () => {
    expect(draftChanges(held, withStatus(draftFrom(held), "no_show"))).toEqual({
      status: "no_show",
      parentAttendance: null,
    });
    expect(withStatus(draftFrom(held), "held").parentAttendance).toBe("joint");
  });
});

describe("agenda edits", () => {
  it("adds the therapist's own items with keys that never collide", () => {
    const once = addCustomItem(session.agenda, "  Check in about the new job ");
    expect(once.at(-1)).toEqual({
      key: "custom.1",
      text: "Check in about the new job",
      kind: "custom",
      sources: [],
      done: false,
    });
    const twice = addCustomItem(removeItem(addCustomItem(once, "Second"), "custom.1"), "Third");
    expect(twice.map((entry) => entry.key)).toEqual([
      "middle.opening",
      "middle.incident",
      "custom.2",
      "custom.3",
    ]);
  });

  it("ticks one item and removes one item by key", () => {
    expect(setItemDone(session.agenda, "middle.incident", true).map((entry) => entry.done)).toEqual([
      false,
      true,
    ]);
    expect(removeItem(session.agenda, "middle.opening").map((entry) => entry.key)).toEqual([
      "middle.incident",
    ]);
  });
});
