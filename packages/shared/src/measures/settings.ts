// The organisation's measurement settings: every alert threshold is a setting with the documented default
// (docs/clinical-reference.md §7 and §9 — a synthesis, not a published standard, so services may tune it).
// The outcome definitions themselves (response, remission, NHS Talking Therapies caseness, recovery) are
// fixed: changing them would make their published names untrue (see outcomes.ts).
import { z } from "zod";
import type { SourceTag } from "../ipt/sources";

const whole = (min: number, max: number, message: string) =>
  z.int(message).min(min, message).max(max, message);

export const measurementSettings = z.object({
  /** Measure PHQ-9 and GAD-7 every this many sessions (1 = every session) besides baseline and final. */
  measureEverySessions: whole(1, 8, "Enter a whole number of sessions from 1 to 8."),
  /** Red alert: PHQ-9 this many points above baseline. */
  deteriorationPhq9Points: whole(1, 27, "Enter a whole number of points from 1 to 27."),
  /** Red alert: GAD-7 this many points above baseline. */
  deteriorationGad7Points: whole(1, 21, "Enter a whole number of points from 1 to 21."),
  /** The early review: the session at which PHQ-9 is first checked against baseline. */
  earlyReviewSession: whole(2, 12, "Enter a session number from 2 to 12."),
  /** Amber at the early review: PHQ-9 fell by less than this percentage. */
  earlyReviewMinReductionPercent: whole(1, 100, "Enter a percentage from 1 to 100."),
  /** Amber at the early review when PHQ-9 is at least this (Schueller 2015's week-4 cut, 17); 0 = off. */
  earlyReviewHighPhq9: whole(0, 27, "Enter a PHQ-9 score from 0 to 27 (0 turns it off)."),
  /** Not on track from session 9 (about week 9 when weekly) when PHQ-9 is at least this (Schueller's 13); 0 = off. */
  week9HighPhq9: whole(0, 27, "Enter a PHQ-9 score from 0 to 27 (0 turns it off)."),
  /** Not on track at mid-course: PHQ-9 fell by less than this percentage, on two scores in a row. */
  midCourseMinReductionPercent: whole(1, 100, "Enter a percentage from 1 to 100."),
  /** Percentage rules apply only when baseline PHQ-9 is at least this. */
  percentRulesMinBaselinePhq9: whole(0, 27, "Enter a PHQ-9 score from 0 to 27."),
  /** Flag this many no-shows in a row. */
  noShowsInARow: whole(2, 6, "Enter a whole number from 2 to 6."),
});
export type MeasurementSettings = z.infer<typeof measurementSettings>;

export const defaultMeasurementSettings: MeasurementSettings = {
  measureEverySessions: 4,
  deteriorationPhq9Points: 6,
  deteriorationGad7Points: 4,
  earlyReviewSession: 4,
  earlyReviewMinReductionPercent: 20,
  earlyReviewHighPhq9: 17,
  week9HighPhq9: 0,
  midCourseMinReductionPercent: 25,
  percentRulesMinBaselinePhq9: 10,
  noShowsInARow: 2,
};

export interface MeasurementSettingField {
  key: keyof MeasurementSettings;
  label: string;
  help: string;
  unit: "sessions" | "points" | "percent" | "session" | "score" | "score-or-off" | "no-shows";
  sources: SourceTag[];
}

/** How the admin settings form presents each setting, with where its default comes from. */
export const measurementSettingFields: MeasurementSettingField[] = [
  {
    key: "measureEverySessions",
    label: "Measure PHQ-9 and GAD-7 every",
    help: "Besides the baseline and the final session. The IPT Institute asks for every 4 sessions; 1 means every session.",
    unit: "sessions",
    sources: ["S12b", "MBC-default"],
  },
  {
    key: "deteriorationPhq9Points",
    label: "Red alert: PHQ-9 rise from baseline of at least",
    help: "Reliable deterioration on the PHQ-9 (NHS Talking Therapies reliable change: 6 points).",
    unit: "points",
    sources: ["NHS-TT", "MBC-default"],
  },
  {
    key: "deteriorationGad7Points",
    label: "Red alert: GAD-7 rise from baseline of at least",
    help: "Reliable deterioration on the GAD-7 (NHS Talking Therapies reliable change: 4 points).",
    unit: "points",
    sources: ["NHS-TT", "MBC-default"],
  },
  {
    key: "earlyReviewSession",
    label: "Early review at session",
    help: "About 4 weeks into weekly therapy (NICE NG222 1.9.1: no response after 4–6 weeks calls for a review).",
    unit: "session",
    sources: ["MBC-default", "NICE-NG222"],
  },
  {
    key: "earlyReviewMinReductionPercent",
    label: "Amber at the early review if PHQ-9 has fallen by less than",
    help: "An early-improvement marker; sensitive but not specific, so it prompts a review, not a change.",
    unit: "percent",
    sources: ["MBC-default"],
  },
  {
    key: "earlyReviewHighPhq9",
    label: "Amber at the early review if PHQ-9 is at least",
    help:
      "A PHQ-9 of 17 or more at week 4 predicted non-response at the end in a CBT study; a synthesis for IPT, " +
      "not a published standard. 0 turns it off.",
    unit: "score-or-off",
    sources: ["MBC-default", "Schueller-2015"],
  },
  {
    key: "week9HighPhq9",
    label: "Not on track from session 9 if PHQ-9 is at least",
    help:
      "An optional secondary marker: a PHQ-9 of 13 or more at week 9 predicted non-response in the same CBT " +
      "study (session 9 is about week 9 in a weekly course). 0, the default, turns it off; 13 is the study's cut.",
    unit: "score-or-off",
    sources: ["MBC-default", "Schueller-2015"],
  },
  {
    key: "midCourseMinReductionPercent",
    label: "Not on track at mid-course if PHQ-9 has fallen by less than",
    help: "ICSI's non-response boundary; confirmed on two scores in a row so late responders are not missed.",
    unit: "percent",
    sources: ["MBC-default", "ICSI", "Saunders-2019"],
  },
  {
    key: "percentRulesMinBaselinePhq9",
    label: "Apply the percentage rules only when baseline PHQ-9 is at least",
    help: "Below this, only reliable change is used (as in the HEDIS and NQF denominators).",
    unit: "score",
    sources: ["MBC-default", "HEDIS"],
  },
  {
    key: "noShowsInARow",
    label: "Flag no-shows in a row",
    help: "Missed sessions are among the things NICE asks to discuss when therapy is not helping.",
    unit: "no-shows",
    sources: ["NICE-NG222"],
  },
];
