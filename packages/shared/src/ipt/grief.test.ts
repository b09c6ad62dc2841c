// The grief tasks (ipt/grief), table-driven with their sources: the events around the death
// [S1b][S29d], the relationship reconstructed, both sides [S10a][S29d], avoided or postponed grief
// [S1b][S29d] brought out with encouragement of affect [S1c]; Stuart's "grief and loss" cites its own
// sources [S11a][S29a]. Grouping the work into these tasks is a project synthesis, and says so.
import { describe, expect, it } from "vitest";
import { griefTasksRequest } from "../clinical/courses";
import { GRIEF_TASKS_SYNTHESIS, griefTaskFields, griefTasksFor, hasGriefArea } from "./grief";
import { sourceTagKeys } from "./sources";

describe("the grief tasks", () => {
  it.each([
    ["weissman", "events", "The events around the death", ["deathEvents"], ["S1b", "S29d"]],
    [
      "weissman",
      "relationship",
      "The relationship with the person who died, reconstructed",
      ["relationshipPositive", "relationshipNegative"],
      ["S10a", "S29d"],
    ],
    ["weissman", "avoided", "Avoided or postponed grief", ["avoidedGrief"], ["S1b", "S29d", "S1c"]],
    ["stuart", "events", "The events around the loss", ["deathEvents"], ["S11a", "S29a"]],
    [
      "stuart",
      "relationship",
      "The relationship with what was lost, reconstructed",
      ["relationshipPositive", "relationshipNegative"],
      ["S11a", "S29a"],
    ],
    ["stuart", "avoided", "Avoided feelings about the loss", ["avoidedGrief"], ["S11a", "S1c"]],
  ] as const)("%s: %s is “%s”, with its notes and sources", (lineage, key, label, fields, sources) => {
    const task = griefTasksFor(lineage).find((candidate) => candidate.key === key);
    expect(task?.label).toBe(label);
    expect(task?.fields.map((field) => field.name)).toEqual(fields);
    expect(task?.sources).toEqual(sources);
    for (const tag of sources) expect(sourceTagKeys).toContain(tag);
  });

  it.each(["weissman", "stuart"] as const)("%s: every note belongs to exactly one task", (lineage) => {
    const names = griefTasksFor(lineage).flatMap((task) => task.fields.map((field) => field.name));
    expect([...names].sort()).toEqual([...griefTaskFields].sort());
  });

  it("says that the grouping is a synthesis, not a published checklist", () => {
    expect(GRIEF_TASKS_SYNTHESIS).toMatch(/project synthesis/);
  });

  it.each([
    ["grief as the primary area", "grief", null, true],
    ["grief as the secondary area", "role_dispute", "grief", true],
    ["another area", "role_transition", null, false],
    ["no area yet", null, null, false],
  ] as const)("keeps the tasks with %s", (_name, primaryArea, secondaryArea, expected) => {
    expect(hasGriefArea({ primaryArea, secondaryArea })).toBe(expected);
  });
});

describe("the grief tasks request", () => {
  it("trims notes, keeps left-out ones out and lets an empty one clear", () => {
    expect(
      griefTasksRequest.parse({ version: 3, deathEvents: "  Invented note.  ", avoidedGrief: "" }),
    ).toEqual({ version: 3, deathEvents: "Invented note.", avoidedGrief: "" });
  });

  it("names the field of a note that is too long", () => {
    const result = griefTasksRequest.safeParse({ version: 1, relationshipNegative: "x".repeat(5001) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["relationshipNegative"]]);
  });

  it("refuses a field it does not know", () => {
    expect(griefTasksRequest.safeParse({ version: 1, griefDeathEvents: "x" }).success).toBe(false);
  });
});
