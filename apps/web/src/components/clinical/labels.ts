// Plain words for the IPT vocabulary used by more than one feature. Labels that come with their
// guidance (areas, phases by lineage, techniques, formats) live in @ipt/shared.
import type {
  ClientStatus,
  CourseOutcome,
  CoursePhase,
  Flag,
  FlagSeverity,
  Frequency,
  NextStep,
  ParentAttendance,
  SessionStatus,
} from "@ipt/shared";

export const coursePhaseLabels: Record<CoursePhase, string> = {
  initial: "Initial phase",
  middle: "Middle phase",
  termination: "Termination",
  completed: "Completed",
  maintenance: "Maintenance",
};

export const courseOutcomeLabels: Record<CourseOutcome, string> = {
  completed: "Completed",
  discontinued: "Discontinued",
};

export const clientStatusLabels: Record<ClientStatus, string> = {
  intake: "Intake",
  active: "In treatment",
  completed: "Completed",
  discontinued: "Discontinued",
};

export const sessionStatusLabels: Record<SessionStatus, string> = {
  planned: "Planned",
  held: "Held",
  cancelled: "Cancelled",
  no_show: "Did not attend",
};

/** IPT-A parent or carer attendance in a table cell (shared parentAttendanceLabels say it in full). */
export const parentAttendanceShortLabels: Record<ParentAttendance, string> = {
  none: "None",
  joint: "Joint part",
  parent_only: "On their own",
  joint_and_parent_only: "Joint part and on their own",
};

/** Short badge text for each flag; the flag's own message gives the detail. */
export const flagLabels: Record<Flag["code"], string> = {
  risk_item9: "PHQ-9 item 9 answered above 0",
  reliable_deterioration: "Reliable deterioration",
  not_on_track: "Not on track",
  early_non_response: "Early non-response",
  measures_overdue: "Measures overdue",
  no_shows_in_a_row: "No-shows in a row",
  termination_not_raised: "Ending not raised",
  initial_phase_overdue: "Initial phase running over",
  secondary_area: "Two problem areas",
  grief_without_death: "Grief without a recorded death",
  deficits_with_other_events: "Deficits despite life events",
  ipt_a_age: "Age outside IPT-A's 12–18",
};

/** The same, short enough for a badge in a table cell (the full label is its tooltip). */
export const flagShortLabels: Record<Flag["code"], string> = {
  risk_item9: "PHQ-9 item 9",
  reliable_deterioration: "Deteriorating",
  not_on_track: "Not on track",
  early_non_response: "Early non-response",
  measures_overdue: "Measures due",
  no_shows_in_a_row: "No-shows",
  termination_not_raised: "Ending not raised",
  initial_phase_overdue: "Initial phase long",
  secondary_area: "Two areas",
  grief_without_death: "Grief, no death",
  deficits_with_other_events: "Deficits, events",
  ipt_a_age: "IPT-A age",
};

/**
 * Said before each flag's label, so its seriousness never rests on colour alone (red: act now;
 * amber: review soon; notice: worth a look — see `flagSeverities` in @ipt/shared).
 */
export const flagSeverityLabels: Record<FlagSeverity, string> = {
  red: "Urgent",
  amber: "Review",
  notice: "Check",
};

export const frequencyLabels: Record<Frequency, string> = {
  weekly: "Weekly",
  fortnightly: "Every two weeks",
  monthly: "Monthly (every 4 weeks)",
};

export const nextStepLabels: Record<NextStep, string> = {
  maintenance_offered: "Maintenance offered under a new contract",
  referral_offered: "Referral offered",
  no_further_treatment: "No further treatment",
};
