// Clinical checks on a course: what the initial phase still lacks, problem-area warnings and field errors,
// and the caseload flags supervisors see.
import { z } from "zod";
import type { FieldError } from "../errors/api-error";
import { addDays, type CalendarDate } from "../dates/calendar";
import { formatPresets } from "./formats";
import { terminationStartNumber } from "./plan";
import type { SourceTag } from "./sources";
import type {
  CourseFormat,
  CoursePhase,
  DisputeStage,
  LifeEventKind,
  Lineage,
  ProblemArea,
} from "./vocabulary";

const sources = z.array(z.string().max(20)).max(10);

// --- Initial-phase gaps ---

export const ruleGapItems = [
  "diagnosis_named",
  "sick_role",
  "inventory",
  "problem_area",
  "dispute_stage",
  "formulation_agreed",
  "contract",
  // Only when the organisation requires supervisor co-signing before the middle phase.
  "formulation_cosign",
  "plan_cosign",
] as const;
export const ruleGap = z.object({ item: z.enum(ruleGapItems), message: z.string(), sources });
export type RuleGap = z.infer<typeof ruleGap>;

export interface InitialPhaseState {
  workingDiagnosis: string | null;
  diagnosisNamed: boolean;
  sickRoleGiven: boolean;
  /** People recorded in the interpersonal inventory. */
  inventoryPeople: number;
  primaryArea: ProblemArea | null;
  disputeStage: DisputeStage | null;
  formulationAgreedOn: string | null;
  formulation: string | null;
  contractAgreed: boolean;
}

/** An inventory needs at least one person; the sources set no larger minimum. */
export const MIN_INVENTORY_PEOPLE = 1;

const hasText = (value: string | null) => value !== null && value.trim() !== "";

function diagnosisGap(state: InitialPhaseState): string | null {
  const recorded = hasText(state.workingDiagnosis);
  if (recorded && state.diagnosisNamed) return null;
  if (!recorded && !state.diagnosisNamed) {
    return "Name the diagnosis with the client: record a working diagnosis and mark it as shared.";
  }
  return recorded
    ? "Name the diagnosis with the client: mark the working diagnosis as shared."
    : "Name the diagnosis with the client: record the working diagnosis that was shared.";
}

function formulationGap(state: InitialPhaseState): string | null {
  const written = hasText(state.formulation);
  const agreed = state.formulationAgreedOn !== null;
  if (written && agreed) return null;
  if (!written && !agreed) {
    return "Agree the formulation: write the interpersonal formulation and record the date the client agreed to it.";
  }
  return written
    ? "Agree the formulation: record the date the client agreed to it."
    : "Agree the formulation: write the formulation the client agreed to.";
}

/** What still stands between the course and the middle phase, in a fixed order; empty when nothing is missing. */
export function initialPhaseGaps(state: InitialPhaseState): RuleGap[] {
  const gaps: RuleGap[] = [];
  const add = (item: RuleGap["item"], message: string | null, tags: SourceTag[]) => {
    if (message !== null) gaps.push({ item, message, sources: tags });
  };
  add("diagnosis_named", diagnosisGap(state), ["S7", "S10a"]);
  add(
    "sick_role",
    state.sickRoleGiven ? null : "Give the sick role and mark it as given (IPT-A: the limited sick role).",
    ["S7", "S10a", "S20a"],
  );
  add(
    "inventory",
    state.inventoryPeople >= MIN_INVENTORY_PEOPLE
      ? null
      : "Complete the interpersonal inventory: add at least one important person.",
    ["S7", "S10a"],
  );
  add("problem_area", state.primaryArea === null ? "Choose one problem area for the formulation." : null, [
    "S10a",
    "S2",
  ]);
  add(
    "dispute_stage",
    state.primaryArea === "role_dispute" && state.disputeStage === null
      ? "Stage the role dispute: choose renegotiation, impasse or dissolution."
      : null,
    ["S2", "S29b"],
  );
  add("formulation_agreed", formulationGap(state), ["S10a", "S11a"]);
  add(
    "contract",
    state.contractAgreed
      ? null
      : "Agree the treatment contract (number, frequency and length of sessions) and record it.",
    ["S7", "S10a"],
  );
  return gaps;
}

// --- Problem-area warnings and errors ---

export const warningCodes = [
  "secondary_area",
  "grief_without_death",
  "deficits_with_other_events",
  "ipt_a_age",
  "grief_timing",
] as const;
export const warning = z.object({ code: z.enum(warningCodes), message: z.string(), sources });
export type Warning = z.infer<typeof warning>;

export interface ProblemAreaState {
  lineage: Lineage;
  primaryArea: ProblemArea | null;
  secondaryArea: ProblemArea | null;
  disputeStage: DisputeStage | null;
  sensitivity: boolean;
  lifeEventKinds: LifeEventKind[];
}

/** The warnings that are also caseload flags (grief timing needs the events' dates: the course only). */
type ProblemAreaWarning = Warning & {
  code: "secondary_area" | "grief_without_death" | "deficits_with_other_events";
};

const eventLabels: Record<LifeEventKind, string> = {
  death: "a death",
  dispute: "a dispute",
  transition: "a transition",
  other: "another event",
};

/**
 * Signals that the chosen areas may not fit the record. The poorer outcome of interpersonal deficits is
 * not a warning (it would fire on every deficits course); it is guidance in areaGuidance [S3].
 */
export function problemAreaWarnings(state: ProblemAreaState): ProblemAreaWarning[] {
  const chosen = [state.primaryArea, state.secondaryArea];
  const warnings: ProblemAreaWarning[] = [];
  if (state.secondaryArea !== null) {
    warnings.push({
      code: "secondary_area",
      message:
        "A second problem area is set. Focus on one area if possible: the one that matters most to the client.",
      sources: ["S2"],
    });
  }
  if (state.lineage === "weissman" && chosen.includes("grief") && !state.lifeEventKinds.includes("death")) {
    warnings.push({
      code: "grief_without_death",
      message:
        "Grief is chosen but no death is recorded. In this lineage grief means a death; a loss without a death " +
        "is a role transition.",
      sources: ["S29d"],
    });
  }
  const otherEvents = (["death", "dispute", "transition"] as const).filter((kind) =>
    state.lifeEventKinds.includes(kind),
  );
  if (chosen.includes("interpersonal_deficits") && otherEvents.length > 0) {
    warnings.push({
      code: "deficits_with_other_events",
      message:
        `Interpersonal deficits is for when no other area applies, but the record shows ` +
        `${otherEvents.map((kind) => eventLabels[kind]).join(", ")}. Check whether another area fits.`,
      sources: ["S3"],
    });
  }
  return warnings;
}

/** IPT-A's ages [S10c][S20a]; the youngest are offered family-based IPT (8–12) [S10c][S20e]. */
export const IPT_A_AGES = { min: 12, max: 18 } as const;

/**
 * An IPT-A course for a client whose age (from the year of birth, at the course's start: one of
 * two ages) cannot be 12–18. Without a year of birth nothing can be said, so nothing is.
 */
export function formatWarnings(state: {
  format: CourseFormat;
  yearOfBirth: number | null;
  startYear: number;
}): Warning[] {
  if (state.format !== "ipt_a" || state.yearOfBirth === null) return [];
  const oldest = state.startYear - state.yearOfBirth;
  const youngest = oldest - 1;
  if (oldest >= IPT_A_AGES.min && youngest <= IPT_A_AGES.max) return [];
  const age = oldest < IPT_A_AGES.min ? `at most ${oldest}` : `at least ${youngest}`;
  return [
    {
      code: "ipt_a_age",
      message:
        `IPT-A is for adolescents aged ${IPT_A_AGES.min}–${IPT_A_AGES.max}; this client is ${age} at the start ` +
        `of the course. Check the format: standard IPT for adults, family-based IPT for children 8–12.`,
      sources: ["S10c", "S20a"],
    },
  ];
}

/**
 * How long before the episode's onset a death still counts as "close before" it: 12 months. IPT.md
 * sets no span (grief is chosen when the onset or maintenance of the episode is associated with the
 * death [S1b][S10a][S29d]); the 12 months is a project synthesis.
 */
export const GRIEF_ONSET_WINDOW_DAYS = 365;

/**
 * Grief chosen (Weissman lineage: grief means a death [S29d]) and an onset recorded, but no death on
 * the timeline falls in the window before the onset: another area may fit better. Nothing without an
 * onset or without a death (grief_without_death covers that). The Stuart lineage's "grief and loss"
 * includes losses the timeline's kinds cannot tell apart from other events, so it is left out.
 */
export function griefTimingWarnings(state: {
  lineage: Lineage;
  primaryArea: ProblemArea | null;
  secondaryArea: ProblemArea | null;
  episodeOnsetOn: CalendarDate | null;
  deathDates: readonly CalendarDate[];
}): Warning[] {
  const onset = state.episodeOnsetOn;
  if (state.lineage !== "weissman" || onset === null || state.deathDates.length === 0) return [];
  if (state.primaryArea !== "grief" && state.secondaryArea !== "grief") return [];
  const windowStart = addDays(onset, -GRIEF_ONSET_WINDOW_DAYS);
  if (state.deathDates.some((date) => date >= windowStart && date <= onset)) return [];
  const allAfter = state.deathDates.every((date) => date > onset);
  return [
    {
      code: "grief_timing",
      message: allAfter
        ? `Grief is chosen, but every death on the timeline is after the episode began (${onset}). Grief fits ` +
          `when the death is linked to the episode's onset or keeps it going; check whether another area ` +
          `fits the onset better.`
        : `Grief is chosen, but no death on the timeline falls in the 12 months before the episode began ` +
          `(${onset}). Relate the onset to the death; if it is not linked, another area may fit better.`,
      sources: ["S1b", "S10a", "S29d"],
    },
  ];
}

/** Field errors that make a problem-area choice invalid; empty when it may be saved. */
export function problemAreaErrors(state: Omit<ProblemAreaState, "lifeEventKinds">): FieldError[] {
  const errors: FieldError[] = [];
  const { lineage, primaryArea, secondaryArea, disputeStage, sensitivity } = state;
  const hasDispute = primaryArea === "role_dispute" || secondaryArea === "role_dispute";
  for (const [field, area] of [
    ["primaryArea", primaryArea],
    ["secondaryArea", secondaryArea],
  ] as const) {
    if (lineage === "stuart" && area === "interpersonal_deficits") {
      errors.push({
        field,
        message:
          "The Stuart & Robertson lineage has no interpersonal deficits area; consider the sensitivity modifier.",
      });
    }
  }
  if (secondaryArea !== null && primaryArea === null) {
    errors.push({ field: "secondaryArea", message: "Choose the primary area before a secondary one." });
  }
  if (secondaryArea !== null && secondaryArea === primaryArea) {
    errors.push({ field: "secondaryArea", message: "The secondary area must differ from the primary area." });
  }
  if (hasDispute && disputeStage === null) {
    errors.push({
      field: "disputeStage",
      message: "Stage the role dispute: renegotiation, impasse or dissolution.",
    });
  }
  if (!hasDispute && disputeStage !== null) {
    errors.push({ field: "disputeStage", message: "A dispute stage applies only to a role dispute." });
  }
  if (sensitivity && lineage !== "stuart") {
    errors.push({
      field: "sensitivity",
      message: "The interpersonal sensitivity modifier belongs to the Stuart & Robertson lineage.",
    });
  }
  return errors;
}

// --- Termination and caseload flags ---

export interface TerminationState {
  total: number;
  lead: number;
  /** Numbers of the sessions held so far (no-shows are not held). */
  heldNumbers: number[];
  /** Number of the next planned session, or null if none is planned. */
  nextPlannedNumber: number | null;
  terminationRaised: boolean;
}

type TerminationStatus = "not_due" | "due" | "overdue";

function terminationStatus(state: TerminationState): TerminationStatus {
  if (state.terminationRaised) return "not_due";
  const start = terminationStartNumber(state.total, state.lead);
  if (state.heldNumbers.some((held) => held >= start)) return "overdue";
  if (state.nextPlannedNumber !== null && state.nextPlannedNumber >= start) return "due";
  return "not_due";
}

/**
 * True when termination has not been raised and either a session numbered total − lead or later has been
 * held (overdue), or the next planned session is numbered total − lead or later (it must be raised there).
 */
export function terminationDue(state: TerminationState): boolean {
  return terminationStatus(state) !== "not_due";
}

/** Flags raised by the measures (risk, alerts, schedule, attendance) rather than by the course plan. */
export const measureFlagCodes = [
  "risk_item9",
  "reliable_deterioration",
  "not_on_track",
  "early_non_response",
  "measures_overdue",
  "no_shows_in_a_row",
] as const;
export const flagCodes = [
  ...measureFlagCodes,
  "termination_not_raised",
  "initial_phase_overdue",
  "secondary_area",
  "grief_without_death",
  "deficits_with_other_events",
  "ipt_a_age",
] as const;
/** red: act now (risk, reliable deterioration); amber: review soon; notice: worth a look. */
export const flagSeverities = ["red", "amber", "notice"] as const;
export const flagSeverity = z.enum(flagSeverities);
export type FlagSeverity = z.infer<typeof flagSeverity>;
export const flag = z.object({
  code: z.enum(flagCodes),
  severity: flagSeverity,
  message: z.string(),
  /** Where a list has room for a few words only: exactly what is wrong (e.g. "GAD-7 not recorded at session 1"). */
  summary: z.string().optional(),
  sources,
});
export type Flag = z.infer<typeof flag>;

export interface CourseFlagState extends TerminationState, ProblemAreaState {
  format: CourseFormat;
  coursePhase: CoursePhase;
}

/** Caseload flags: termination, initial-phase progress and the problem-area warnings, in that order. */
export function courseFlags(state: CourseFlagState): Flag[] {
  const flags: Flag[] = [];
  const start = terminationStartNumber(state.total, state.lead);
  // A maintenance course has no termination phase to raise (./maintenance).
  const status = state.coursePhase === "maintenance" ? "not_due" : terminationStatus(state);
  if (status !== "not_due") {
    flags.push({
      code: "termination_not_raised",
      severity: "amber",
      message:
        status === "overdue"
          ? `Termination was due to be raised at session ${start} and has not been recorded.`
          : `Raise the ending at the next session (session ${start}); it has not been raised yet.`,
      sources: ["S4"],
    });
  }
  const lastInitial = formatPresets[state.format].initialSessions;
  if (state.coursePhase === "initial" && state.heldNumbers.some((held) => held >= lastInitial)) {
    flags.push({
      code: "initial_phase_overdue",
      severity: "amber",
      message: `Session ${lastInitial}, the last initial-phase session, has been held but the course is still in the initial phase.`,
      sources: ["S7", "S9", "S21b"],
    });
  }
  const notices = problemAreaWarnings(state).map((w): Flag => ({ ...w, severity: "notice" }));
  return [...flags, ...notices];
}
