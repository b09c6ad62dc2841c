import { hasGriefArea, type CourseDetail } from "@ipt/shared";
import { useState } from "react";
import { Link } from "react-router";
import { OutcomeSummary } from "../../../components/clinical/course-summary";
import { FlagNotices } from "../../../components/clinical/flag-badges";
import { Section } from "../../../components/section";
import { paths } from "../../../config/paths";
import { CompleteCourseForm } from "../../../features/courses/components/complete-course-form";
import { CourseWarnings } from "../../../features/courses/components/course-warnings";
import { MeasuresSection, splitFlags } from "../../../features/courses/components/measures-section";
import { OutreachPanel } from "../../../features/courses/components/outreach-panel";
import { MiddlePhaseGate } from "../../../features/courses/components/middle-phase-gate";
import { PhaseTimeline } from "../../../features/courses/components/phase-timeline";
import { RaiseEnding } from "../../../features/courses/components/raise-ending";
import { setupStepLabel } from "../../../features/courses/components/setup-steps";
import { TerminationChecklistForm } from "../../../features/courses/components/termination-checklist-form";
import { WhatsNext } from "../../../features/courses/components/whats-next";
import { MaintenanceLinks, MaintenanceSummary } from "../../../features/courses/components/maintenance-panel";
import { StartMaintenance } from "../../../features/courses/components/start-maintenance-form";
import { FhirDownload } from "../../../features/fhir/components/fhir-download";
import { ReviewPanel } from "../review-panel";
import { useCourseOfLayout } from "./course-layout";

function SetupLinks({ course }: { course: CourseDetail }) {
  const steps = ["inventory", "problemArea", "formulation", "plan"] as const;
  return (
    <ul className="link-list">
      {steps.map((step) => (
        <li key={step}>
          <Link to={paths.therapist.courseSetup[step].getHref(course.client.id, course.id)}>
            {setupStepLabel(step)}
          </Link>
        </li>
      ))}
    </ul>
  );
}

const phaseTitles: Record<CourseDetail["phase"], string> = {
  initial: "Initial phase",
  middle: "Middle phase",
  termination: "Termination",
  completed: "Outcome",
  maintenance: "Maintenance",
};

/** Two no-shows in a row with recent risk: reaching out comes before anything else on the page. */
const outreachFirst = (course: CourseDetail) =>
  course.phase !== "completed" && course.outreach.riskRecent && course.outreach.twoNoShows;

/** What the current phase asks for, and nothing that belongs to another phase. */
function PhaseWork({ course }: { course: CourseDetail }) {
  switch (course.phase) {
    case "initial":
      return (
        <>
          <SetupLinks course={course} />
          <MiddlePhaseGate course={course} />
        </>
      );
    case "middle":
      return (
        <>
          {hasGriefArea(course) ? (
            <ul className="link-list">
              <li>
                <Link to={paths.therapist.courseSection.formulation.getHref(course.id)}>
                  Grief tasks: the death, the relationship, avoided grief
                </Link>
              </li>
            </ul>
          ) : null}
          <RaiseEnding course={course} />
        </>
      );
    case "termination":
      return (
        <>
          <TerminationChecklistForm key={course.id} course={course} />
          {!outreachFirst(course) && course.outreach.attempts.length > 0 ? (
            <OutreachPanel course={course} />
          ) : null}
          <h3 className="section__subtitle">Complete the course</h3>
          <CompleteCourseForm key={`complete-${course.id}`} course={course} />
        </>
      );
    case "maintenance":
      return (
        <>
          <MaintenanceSummary course={course} />
          <h3 className="section__subtitle">Complete the maintenance course</h3>
          <CompleteCourseForm key={`complete-${course.id}`} course={course} />
        </>
      );
    case "completed":
      return (
        <>
          <OutcomeSummary course={course} />
          <StartMaintenance course={course} />
        </>
      );
  }
}

/** The course at a glance: what is urgent, where it stands, the current phase's work, the measures. */
export function CourseOverviewRoute() {
  const course = useCourseOfLayout();
  const flagCodes = new Set<string>(course.flags.map((flag) => flag.code));
  // Red flags (risk first) lead the page; other measurement alerts are in the Measures section.
  const flags = splitFlags(course.flags);
  const endsEarly = course.phase === "initial" || course.phase === "middle";
  return (
    <>
      <FlagNotices flags={flags.top} />
      {/* Problem-area warnings are also flags; show each point once. */}
      <CourseWarnings warnings={course.warnings.filter((warning) => !flagCodes.has(warning.code))} />
      <PhaseTimeline course={course} />
      <MaintenanceLinks course={course} />

      {outreachFirst(course) ? (
        <Section focusable id="reach-out-heading" title="Reach out to the client">
          <OutreachPanel course={course} />
        </Section>
      ) : null}

      <Section focusable id="phase-heading" title={phaseTitles[course.phase]}>
        <PhaseWork course={course} />
      </Section>

      <Section focusable id="next-heading" title="Next session">
        <WhatsNext course={course} />
      </Section>

      <Section focusable id="measures-heading" title="Measures">
        <MeasuresSection courseId={course.id} measures={course.measures} flags={flags.measures} />
      </Section>

      <ReviewPanel courseId={course.id} />

      <Section focusable id="export-heading" title="Export">
        <FhirDownload courseId={course.id} />
      </Section>

      {endsEarly ? <EndEarly course={course} /> : null}
    </>
  );
}

/**
 * "End the course early", closed by default: its content is rendered when it is first opened (and
 * kept after), so the page's first render builds no form and no time-zone formatter for "today" that
 * nobody sees (docs/benchmarks.md).
 */
function EndEarly({ course }: { course: CourseDetail }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="disclosure"
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary>End the course early</summary>
      {opened ? (
        <>
          <p className="section__intro">
            When the course stops before its planned end, for example because the client stopped attending.
          </p>
          {!outreachFirst(course) && (course.outreach.riskRecent || course.outreach.attempts.length > 0) ? (
            <OutreachPanel course={course} />
          ) : null}
          <CompleteCourseForm key={`early-${course.id}`} course={course} />
        </>
      ) : null}
    </details>
  );
}
