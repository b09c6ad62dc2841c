// Plain words for the IPT vocabulary used by more than one feature. Labels that come with their
// guidance (areas, phases by lineage, techniques, formats) live in @ipt/shared.
import type { ClientStatus, CourseOutcome, CoursePhase, Flag, SessionStatus } from "@ipt/shared";

export const coursePhaseLabels: Record<CoursePhase, string> = {
  initial: "Initial phase",
  middle: "Middle phase",
  termination: "Termination",
  completed: "Completed",
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

/** Short badge text for each flag; the flag's own message gives the detail. */
export const flagLabels: Record<Flag["code"], string> = {
  termination_not_raised: "Ending not raised",
  initial_phase_overdue: "Initial phase running over",
  secondary_area: "Two problem areas",
  grief_without_death: "Grief without a recorded death",
  deficits_with_other_events: "Deficits despite life events",
};
