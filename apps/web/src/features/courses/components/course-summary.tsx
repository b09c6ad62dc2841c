import {
  disputeStageGuidance,
  formatPresets,
  lineagePresets,
  sensitivityGuidance,
  type CourseDetail,
} from "@ipt/shared";
import type { ReactNode } from "react";
import { courseOutcomeLabels } from "../../../components/clinical/labels";
import { formatCalendarDate } from "../../../lib/format";
import { areaLabel } from "./area-text";
import { frequencyLabels, nextStepLabels } from "./labels";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="summary__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const notYet = <span className="muted">Not recorded yet</span>;

const dateOrNotYet = (date: string | null) =>
  date ? <time dateTime={date}>{formatCalendarDate(date)}</time> : notYet;

/** The contract as agreed: format, number, frequency and length of sessions, dates and rules. */
export function ContractSummary({ course }: { course: CourseDetail }) {
  return (
    <dl className="summary">
      <Row term="Format">{formatPresets[course.format].label}</Row>
      <Row term="Manual lineage">{lineagePresets[course.lineage].label}</Row>
      <Row term="Sessions">
        {course.plannedSessions} sessions, {frequencyLabels[course.frequency].toLowerCase()},{" "}
        {course.sessionMinutes} minutes each
      </Row>
      <Row term="First session">{dateOrNotYet(course.startDate)}</Row>
      <Row term="Termination">
        Starts at session {course.terminationStartNumber}, {course.terminationLead} sessions before the end
        {course.terminationRaisedAt ? "; the ending has been raised" : "; the ending is not raised yet"}
      </Row>
      <Row term="After a missed session">{course.missedSessionPolicy?.trim() || notYet}</Row>
      <Row term="Contract agreed on">{dateOrNotYet(course.contractAgreedOn)}</Row>
    </dl>
  );
}

/** The formulation's focus: problem area(s), dispute stage, sensitivity and the formulation. */
export function FocusSummary({ course }: { course: CourseDetail }) {
  return (
    <dl className="summary">
      <Row term="Primary problem area">
        {course.primaryArea ? areaLabel(course.primaryArea, course.lineage) : notYet}
        {course.disputeStage ? ` (${disputeStageGuidance[course.disputeStage].label.toLowerCase()})` : ""}
      </Row>
      {course.secondaryArea ? (
        <Row term="Secondary problem area">{areaLabel(course.secondaryArea, course.lineage)}</Row>
      ) : null}
      {course.sensitivityModifier ? <Row term="Modifier">{sensitivityGuidance.label}</Row> : null}
      <Row term="Formulation">
        {course.formulation?.trim() ? <span className="prewrap">{course.formulation}</span> : notYet}
      </Row>
      <Row term="Client agreed on">{dateOrNotYet(course.formulationAgreedOn)}</Row>
    </dl>
  );
}

/** How a finished course ended. */
export function OutcomeSummary({ course }: { course: CourseDetail }) {
  return (
    <dl className="summary">
      <Row term="Outcome">{course.outcome ? courseOutcomeLabels[course.outcome] : notYet}</Row>
      <Row term="End date">{dateOrNotYet(course.endedOn)}</Row>
      {course.outcomeReason ? <Row term="Reason">{course.outcomeReason}</Row> : null}
      <Row term="Next step">
        {course.termination.nextStep ? nextStepLabels[course.termination.nextStep] : notYet}
      </Row>
      <Row term="Relapse plan">
        {course.termination.relapsePlan?.trim() ? (
          <span className="prewrap">{course.termination.relapsePlan}</span>
        ) : (
          notYet
        )}
      </Row>
    </dl>
  );
}
