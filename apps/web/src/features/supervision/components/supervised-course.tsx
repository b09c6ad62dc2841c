import {
  hasGriefArea,
  phaseLabelFor,
  reviewSample,
  type CourseDetail,
  type SessionSummary,
} from "@ipt/shared";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ContractSummary, FocusSummary, OutcomeSummary } from "../../../components/clinical/course-summary";
import { FlagNotices } from "../../../components/clinical/flag-badges";
import { GriefTasksSummary } from "../../../components/clinical/grief-tasks-summary";
import { sessionColumns } from "../../../components/clinical/session-rows";
import { DataTable, type Column } from "../../../components/data-table";
import { coursePhaseLabels } from "../../../components/clinical/labels";
import { MeasureSummaryList } from "../../../components/clinical/measure-summary";
import { Section } from "../../../components/section";
import { SummaryRow } from "../../../components/summary-row";
import { paths } from "../../../config/paths";
import "./supervision.css";

/** The plan, each session linking to its read-only record; the sessions proposed for review are marked. */
export function SupervisedSessionsTable({ course }: { course: CourseDetail }) {
  // The same choice the API makes for the fidelity table (shared, deterministic, nothing stored).
  const sampled = new Set(reviewSample(course.id, course.sessions));
  const columns: Column<SessionSummary>[] = [
    ...sessionColumns(course, (session) => paths.supervision.session.getHref(session.id)),
    {
      key: "review",
      header: "Review",
      priority: 2,
      cell: (session) =>
        sampled.has(session.id) ? <span className="badge badge--sampled">Proposed for review</span> : null,
    },
  ];
  return (
    <DataTable
      caption="Sessions of the course"
      columns={columns}
      rows={course.sessions}
      rowKey={(session) => session.id}
      rowClassName={(session) => (sampled.has(session.id) ? "row--sampled" : undefined)}
    />
  );
}

/**
 * A supervisee's course as a supervisor reviews it, read only: flags, where the course stands and
 * its contract and focus, its measures, the plan (each session opens its record) and the fidelity
 * sessions proposed for review; `fidelity` (composed by the page) shows the ratings. Nothing here
 * changes the clinical record.
 */
export function SupervisedCourse({ course, fidelity }: { course: CourseDetail; fidelity: ReactNode }) {
  return (
    <>
      <FlagNotices flags={course.flags} />

      <Section id="course-heading" title="Course">
        <dl className="summary">
          <SummaryRow term="Phase">
            {course.phase === "completed"
              ? coursePhaseLabels.completed
              : phaseLabelFor(course.phase, course.lineage)}
          </SummaryRow>
        </dl>
        <h3 className="section__subtitle">Contract and time limit</h3>
        <ContractSummary course={course} />
        <h3 className="section__subtitle">Problem area and formulation</h3>
        <FocusSummary course={course} />
        {hasGriefArea(course) ? (
          <>
            <h3 className="section__subtitle">Grief tasks</h3>
            <GriefTasksSummary course={course} />
          </>
        ) : null}
        {course.phase === "completed" ? (
          <>
            <h3 className="section__subtitle">Outcome</h3>
            <OutcomeSummary course={course} />
          </>
        ) : null}
      </Section>

      <Section id="measures-heading" title="Measures">
        <MeasureSummaryList measures={course.measures} />
        <ul className="link-list">
          <li>
            <Link to={paths.clinical.courseMeasures.getHref(course.id)}>Scores and risk</Link>
          </li>
          <li>
            <Link to={paths.clinical.courseSummary.getHref(course.id)}>End-of-treatment summary</Link>
          </li>
        </ul>
      </Section>

      <Section id="sessions-heading" title="Sessions">
        <SupervisedSessionsTable course={course} />
      </Section>

      <Section id="fidelity-heading" title="Fidelity">
        {fidelity}
      </Section>
    </>
  );
}
