// The problem area's key events (ipt/key-events), table-driven, each area with the sources its rule
// rests on: grief's deaths [S1b][S10a][S29d], a dispute's start [S2][S29b] and recorded stage changes
// [S29b][S29e], a transition's life change [S10a][S29a]; none for interpersonal deficits [S3]. Which
// records count is a project synthesis (the sources name no chart or timeline).
import { describe, expect, it } from "vitest";
import { problemAreaKeyEvents, type KeyEvent, type KeyEventInput } from "./key-events";
import { sourceTagKeys } from "./sources";

const lifeEvents: KeyEventInput["lifeEvents"] = [
  { id: "death-1", kind: "death", occurredOn: "2025-11-02" },
  { id: "dispute-1", kind: "dispute", occurredOn: "2025-09-14" },
  { id: "transition-1", kind: "transition", occurredOn: "2026-01-20" },
  { id: "other-1", kind: "other", occurredOn: "2025-12-24" },
];

const areaChanges: KeyEventInput["areaChanges"] = [
  // The area changed to a dispute at impasse, then the stage moved on, then only the reason was edited.
  { id: "change-1", changedOn: "2026-02-10", fromStage: null, toStage: "impasse" },
  { id: "change-2", changedOn: "2026-03-03", fromStage: "impasse", toStage: "renegotiation" },
  { id: "change-3", changedOn: "2026-03-17", fromStage: "renegotiation", toStage: "renegotiation" },
];

const summary = (events: KeyEvent[]) => events.map((event) => [event.date, event.label, event.sources]);

describe("the problem area's key events", () => {
  it.each<[string, Pick<KeyEventInput, "primaryArea" | "secondaryArea">, ReturnType<typeof summary>]>([
    [
      "grief: each death [S1b][S10a][S29d]",
      { primaryArea: "grief", secondaryArea: null },
      [["2025-11-02", "Death", ["S1b", "S10a", "S29d"]]],
    ],
    [
      "role dispute: the dispute's start [S2][S29b] and each change of stage [S29b][S29e]",
      { primaryArea: "role_dispute", secondaryArea: null },
      [
        ["2025-09-14", "Dispute", ["S2", "S29b"]],
        ["2026-02-10", "Dispute stage: Impasse", ["S29b", "S29e"]],
        ["2026-03-03", "Dispute stage: Renegotiation", ["S29b", "S29e"]],
      ],
    ],
    [
      "role transition: the life change [S10a][S29a]",
      { primaryArea: "role_transition", secondaryArea: null },
      [["2026-01-20", "Life change", ["S10a", "S29a"]]],
    ],
    [
      "interpersonal deficits: none, it is the area without such events [S3]",
      { primaryArea: "interpersonal_deficits", secondaryArea: null },
      [],
    ],
    ["no area chosen yet: none", { primaryArea: null, secondaryArea: null }, []],
    [
      "a secondary area adds its own, in date order",
      { primaryArea: "grief", secondaryArea: "role_transition" },
      [
        ["2025-11-02", "Death", ["S1b", "S10a", "S29d"]],
        ["2026-01-20", "Life change", ["S10a", "S29a"]],
      ],
    ],
  ])("%s", (_name, areas, expected) => {
    const events = problemAreaKeyEvents({ ...areas, lifeEvents, areaChanges });
    expect(summary(events)).toEqual(expected);
    for (const event of events) {
      for (const tag of event.sources) expect(sourceTagKeys).toContain(tag);
    }
  });

  it("links each key event to its life event; a stage change has none", () => {
    const events = problemAreaKeyEvents({
      primaryArea: "role_dispute",
      secondaryArea: null,
      lifeEvents,
      areaChanges,
    });
    expect(events.map((event) => [event.key, event.kind, event.lifeEventId])).toEqual([
      ["dispute-1", "dispute", "dispute-1"],
      ["change-1", "dispute_stage", null],
      ["change-2", "dispute_stage", null],
    ]);
  });

  it("leaves out stage changes once the dispute is no longer a chosen area", () => {
    const events = problemAreaKeyEvents({
      primaryArea: "grief",
      secondaryArea: null,
      lifeEvents,
      areaChanges,
    });
    expect(events.map((event) => event.kind)).toEqual(["death"]);
  });

  it("keeps the order recorded for events on the same day", () => {
    const events = problemAreaKeyEvents({
      primaryArea: "grief",
      secondaryArea: null,
      lifeEvents: [
        { id: "b", kind: "death", occurredOn: "2025-05-01" },
        { id: "a", kind: "death", occurredOn: "2025-05-01" },
      ],
      areaChanges: [],
    });
    expect(events.map((event) => event.key)).toEqual(["b", "a"]);
  });
});
