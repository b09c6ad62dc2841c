import { formatPresets, lineagePresets, type CourseDetail } from "@ipt/shared";
import { formatCalendarDate, formatSessionWhen } from "../../lib/format";
import { SummaryRow } from "../summary-row";
import { FocusRows } from "./focus-rows";
import { courseOutcomeLabels, frequencyLabels, nextStepLabels } from "./labels";

const notYet = <span className="muted">Not recorded yet</span>;

const dateOrNotYet = (date: string | null) =>
  date ? <time dateTime={date}>{formatCalendarDate(date)}</time> : notYet;

const weekdayPlurals = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];

// A course's contract, focus and outcome as read on the course page, the printable plan and a
// supervisor's review.

/** The contract as agreed: format, number, frequency and length of sessions, dates and rules. */
export function ContractSummary({ course }: { course: CourseDetail }) {
  return (
    <dl className="summary">
      <SummaryRow term="Format">
        {formatPresets[course.format].label}
        {course.kind === "maintenance" ? ", maintenance contract" : ""}
      </SummaryRow>
      <SummaryRow term="Manual lineage">{lineagePresets[course.lineage].label}</SummaryRow>
      <SummaryRow term="Sessions">
        {course.plannedSessions} sessions, {frequencyLabels[course.frequency].toLowerCase()} on{" "}
        {weekdayPlurals[course.sessionWeekday - 1]} at {course.sessionTime}, {course.sessionMinutes} minutes
        each
      </SummaryRow>
      <SummaryRow term="First session">
        <time dateTime={course.startDate}>
          {formatSessionWhen({ plannedDate: course.startDate, startTime: course.sessionTime })}
        </time>
      </SummaryRow>
      {course.kind === "maintenance" ? (
        <SummaryRow term="Termination">None: a maintenance contract ends at its last session</SummaryRow>
      ) : (
        <SummaryRow term="Termination">
          Starts at session {course.terminationStartNumber}, {course.terminationLead} sessions before the end
          {course.terminationRaisedAt ? "; the ending has been raised" : "; the ending is not raised yet"}
        </SummaryRow>
      )}
      <SummaryRow term="After a missed session">{course.missedSessionPolicy?.trim() || notYet}</SummaryRow>
      <SummaryRow term="Contract agreed on">{dateOrNotYet(course.contractAgreedOn)}</SummaryRow>
    </dl>
  );
}

/** The formulation's focus: problem area(s), dispute stage, sensitivity and the formulation. */
export function FocusSummary({ course }: { course: CourseDetail }) {
  return (
    <dl className="summary">
      <FocusRows course={course} missing={notYet} />
      <SummaryRow term="Client agreed on">{dateOrNotYet(course.formulationAgreedOn)}</SummaryRow>
    </dl>
  );
}

/** How a finished course ended. */
export function OutcomeSummary({ course }: { course: CourseDetail }) {
  return (
    <dl className="summary">
      <SummaryRow term="Outcome">{course.outcome ? courseOutcomeLabels[course.outcome] : notYet}</SummaryRow>
      <SummaryRow term="End date">{dateOrNotYet(course.endedOn)}</SummaryRow>
      {course.outcomeReason ? <SummaryRow term="Reason">{course.outcomeReason}</SummaryRow> : null}
      <SummaryRow term="Next step">
        {course.termination.nextStep ? nextStepLabels[course.termination.nextStep] : notYet}
      </SummaryRow>
      <SummaryRow term="Relapse plan: what to do and when to come back">
        {course.termination.relapsePlan?.trim() ? (
          <span className="prewrap">{course.termination.relapsePlan}</span>
        ) : (
          notYet
        )}
      </SummaryRow>
    </dl>
  );
}
