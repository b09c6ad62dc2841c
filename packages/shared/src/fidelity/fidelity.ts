// Fidelity to the IPT model, rated 1–5 per item per session by the therapist (self-rating) and by a
// supervisor. The items are what supervisors look at according to docs/clinical-reference.md §11 — a project
// synthesis of the sources there, not the IPT Quality & Adherence Scale, whose item content is unconfirmed
// [S12a]. The 1–5 format and the pass mark of an average ≥ 3.0 are the IPT Institute's [S12a][S12b].
import { z } from "zod";
import type { SourceTag } from "../ipt/sources";

export const fidelityItemKeys = [
  "diagnosis_and_sick_role",
  "inventory",
  "formulation",
  "time_limit",
  "focus_and_mood_link",
  "techniques_and_incident",
  "termination_on_time",
  "measures_on_schedule",
  "risk_reviewed",
] as const;
export const fidelityItemKey = z.enum(fidelityItemKeys);
export type FidelityItemKey = z.infer<typeof fidelityItemKey>;

export interface FidelityItem {
  key: FidelityItemKey;
  text: string;
  sources: SourceTag[];
}

export const fidelityItems: FidelityItem[] = [
  {
    key: "diagnosis_and_sick_role",
    text: "The diagnosis was named and the sick role given.",
    sources: ["S7", "S10a"],
  },
  { key: "inventory", text: "The interpersonal inventory was completed.", sources: ["S7", "S12b"] },
  { key: "formulation", text: "A formulation was agreed with one problem area.", sources: ["S2", "S11a"] },
  { key: "time_limit", text: "The time limit was set and counted down.", sources: ["S10a", "S4"] },
  {
    key: "focus_and_mood_link",
    text: "The session stayed on the focus and linked mood to interpersonal events.",
    sources: ["S1a", "S10a"],
  },
  {
    key: "techniques_and_incident",
    text: "IPT techniques were used, and a recent interpersonal incident was worked on.",
    sources: ["S1c", "S13b"],
  },
  {
    key: "termination_on_time",
    text: "Termination was raised at least 2–4 sessions before the end.",
    sources: ["S4"],
  },
  { key: "measures_on_schedule", text: "Scores were recorded on schedule.", sources: ["S12b"] },
  { key: "risk_reviewed", text: "Risk was reviewed.", sources: ["S25l", "S25m"] },
];

/** The IPT Institute's pass mark: an average of at least 3.0 on the 1–5 scale [S12a][S12b]. */
export const FIDELITY_PASS_MARK = 3;
export const fidelityPassSources: SourceTag[] = ["S12a", "S12b"];
/** Self and supervisor ratings of one item this far apart are shown side by side. */
export const FIDELITY_DISAGREEMENT = 2;
/** Sessions proposed at random per course for formal review (UK Level B: ≥ 3 per case [S26g]). */
export const REVIEW_SAMPLE_SIZE = 3;
export const reviewSampleSources: SourceTag[] = ["S26g"];

/** 1 (not at all) to 5 (fully); null = not applicable to this session (e.g. termination in session 2). */
export const fidelityScore = z
  .int("Rate with a whole number from 1 to 5.")
  .min(1, "Rate with a whole number from 1 to 5.")
  .max(5, "Rate with a whole number from 1 to 5.");
export const fidelityScores = z.object(
  Object.fromEntries(fidelityItemKeys.map((key) => [key, fidelityScore.nullable()])) as Record<
    FidelityItemKey,
    z.ZodNullable<typeof fidelityScore>
  >,
);
export type FidelityScores = z.infer<typeof fidelityScores>;

/** Mean of the rated items, to two decimals; null when nothing was rated. */
export function fidelityAverage(scores: Partial<Record<FidelityItemKey, number | null>>): number | null {
  const rated = fidelityItemKeys.map((key) => scores[key]).filter((v): v is number => typeof v === "number");
  if (rated.length === 0) return null;
  return Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 100) / 100;
}

/** Items where the self and supervisor ratings differ by FIDELITY_DISAGREEMENT or more. */
export function fidelityDisagreements(
  self: Partial<Record<FidelityItemKey, number | null>>,
  supervisor: Partial<Record<FidelityItemKey, number | null>>,
): FidelityItemKey[] {
  return fidelityItemKeys.filter((key) => {
    const a = self[key];
    const b = supervisor[key];
    return typeof a === "number" && typeof b === "number" && Math.abs(a - b) >= FIDELITY_DISAGREEMENT;
  });
}
