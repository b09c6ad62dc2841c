// The grief problem area's structured tasks, recorded per course: the events around the death, the
// relationship with the person who died reconstructed (both sides), and the grief the client has
// avoided or put off. Each task cites the sources of the grief strategies it rests on (IPT.md §1a);
// recording them as these separate notes is a project synthesis, and the 1984 strategy list's own
// wording is unconfirmed (docs/clinical-reference.md §3).
import type { SourceTag } from "./sources";
import type { Lineage, ProblemArea } from "./vocabulary";

/** The request's and the course detail's names of the notes, one or two per task. */
export const griefTaskFields = [
  "deathEvents",
  "relationshipPositive",
  "relationshipNegative",
  "avoidedGrief",
] as const;
export type GriefTaskField = (typeof griefTaskFields)[number];

export interface GriefTask {
  key: "events" | "relationship" | "avoided";
  label: string;
  /** What the therapist explores with the client, as the hint under the task. */
  prompt: string;
  fields: { name: GriefTaskField; label: string }[];
  sources: SourceTag[];
}

/** Said with the tasks wherever they are shown. */
export const GRIEF_TASKS_SYNTHESIS =
  "Recording the grief work as these three tasks is a project synthesis of the grief strategies, not a " +
  "published checklist; the wording of the classic strategy list could not be confirmed.";

const weissmanTasks: GriefTask[] = [
  {
    key: "events",
    label: "The events around the death",
    prompt:
      "What happened before, during and after the death, and the feelings about it, including guilt and anger.",
    fields: [{ name: "deathEvents", label: "Events before, during and after the death, and the feelings" }],
    sources: ["S1b", "S29d"],
  },
  {
    key: "relationship",
    label: "The relationship with the person who died, reconstructed",
    prompt: "Talk through the relationship in detail: its good sides and its bad sides.",
    fields: [
      { name: "relationshipPositive", label: "Positive aspects of the relationship" },
      { name: "relationshipNegative", label: "Negative aspects of the relationship" },
    ],
    sources: ["S10a", "S29d"],
  },
  {
    key: "avoided",
    label: "Avoided or postponed grief",
    prompt:
      "Complicated grief is grief that is avoided or postponed: the feelings the client has kept away from, " +
      "brought out with encouragement of affect.",
    fields: [{ name: "avoidedGrief", label: "Feelings avoided or put off, and how they came out" }],
    sources: ["S1b", "S29d", "S1c"],
  },
];

// Stuart & Robertson's "grief and loss" covers losses other than a death [S11a][S29a]; the death-only
// sources are not cited for it (as for the lineage's agenda line in ./guidance).
const stuartTasks: GriefTask[] = [
  {
    key: "events",
    label: "The events around the loss",
    prompt: "What happened before, during and after the loss, and the feelings about it.",
    fields: [{ name: "deathEvents", label: "Events around the loss, and the feelings" }],
    sources: ["S11a", "S29a"],
  },
  {
    key: "relationship",
    label: "The relationship with what was lost, reconstructed",
    prompt: "Talk through the relationship with what was lost: its good sides and its bad sides.",
    fields: [
      { name: "relationshipPositive", label: "Positive aspects of the relationship" },
      { name: "relationshipNegative", label: "Negative aspects of the relationship" },
    ],
    sources: ["S11a", "S29a"],
  },
  {
    key: "avoided",
    label: "Avoided feelings about the loss",
    prompt:
      "The feelings about the loss the client has kept away from, brought out with encouragement of affect.",
    fields: [{ name: "avoidedGrief", label: "Feelings avoided or put off, and how they came out" }],
    sources: ["S11a", "S1c"],
  },
];

/** The grief tasks in the course's lineage's words. */
export function griefTasksFor(lineage: Lineage): GriefTask[] {
  return lineage === "stuart" ? stuartTasks : weissmanTasks;
}

/** The tasks are kept when grief is the course's primary or secondary area. */
export const hasGriefArea = (course: {
  primaryArea: ProblemArea | null;
  secondaryArea: ProblemArea | null;
}): boolean => course.primaryArea === "grief" || course.secondaryArea === "grief";
