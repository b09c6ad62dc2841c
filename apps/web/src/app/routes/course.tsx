import { formatPresets, type CourseDetail } from "@ipt/shared";
import { Link, useParams } from "react-router";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { ContractSummary, FocusSummary, OutcomeSummary } from "../../components/clinical/course-summary";
import { FlagNotices } from "../../components/clinical/flag-badges";
import { PageHeading } from "../../components/page-heading";
import { Section } from "../../components/section";
import { QueryFallback } from "../../components/states";
import { paths } from "../../config/paths";
import { useCourse } from "../../features/courses/api/get-course";
import { CompleteCourseForm } from "../../features/courses/components/complete-course-form";
import { CourseWarnings } from "../../features/courses/components/course-warnings";
import { MeasuresSection, splitFlags } from "../../features/courses/components/measures-section";
import { MiddlePhaseGate } from "../../features/courses/components/middle-phase-gate";
import { PhaseTimeline } from "../../features/courses/components/phase-timeline";
import { PlanHistory, ProblemAreaHistory } from "../../features/courses/components/plan-history";
import { PlanSection } from "../../features/courses/components/plan-section";
import { RaiseEnding } from "../../features/courses/components/raise-ending";
import { setupStepLabel } from "../../features/courses/components/setup-steps";
import { TerminationChecklistForm } from "../../features/courses/components/termination-checklist-form";
import { WhatsNext } from "../../features/courses/components/whats-next";
import { ReviewPanel } from "./review-panel";

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

/** Everything about one course on one page, in the order the work happens. */
function CourseContent({ course }: { course: CourseDetail }) {
  const { phase } = course;
  const flagCodes = new Set<string>(course.flags.map((flag) => flag.code));
  // Red flags (risk first) lead the page; other measurement alerts are in the Measures section.
  const flags = splitFlags(course.flags);
  return (
    <>
      <FlagNotices flags={flags.top} />
      {/* Problem-area warnings are also flags; show each point once. */}
      <CourseWarnings warnings={course.warnings.filter((warning) => !flagCodes.has(warning.code))} />
      <PhaseTimeline course={course} />

      <Section focusable id="measures-heading" title="Measures">
        <MeasuresSection courseId={course.id} measures={course.measures} flags={flags.measures} />
      </Section>

      <Section focusable id="next-heading" title="What’s next">
        <WhatsNext course={course} />
      </Section>

      {phase === "initial" ? (
        <Section focusable id="initial-heading" title="Initial phase">
          <MiddlePhaseGate course={course} />
        </Section>
      ) : null}

      {phase === "middle" ? (
        <Section focusable id="ending-heading" title="Raise the ending">
          <RaiseEnding course={course} />
        </Section>
      ) : null}

      {phase === "termination" ? (
        <Section focusable id="termination-heading" title="Termination checklist">
          <TerminationChecklistForm key={course.id} course={course} />
        </Section>
      ) : null}

      {phase === "completed" ? (
        <Section focusable id="outcome-heading" title="Outcome">
          <OutcomeSummary course={course} />
        </Section>
      ) : (
        <Section focusable id="complete-heading" title="Complete the course">
          <CompleteCourseForm key={course.id} course={course} />
        </Section>
      )}

      <Section focusable id="sessions-heading" title="Sessions">
        <PlanSection course={course} headingId="sessions-heading" />
      </Section>

      <Section focusable id="focus-heading" title="Formulation">
        <FocusSummary course={course} />
      </Section>

      <Section focusable id="contract-heading" title="Contract">
        <ContractSummary course={course} />
      </Section>

      <ReviewPanel courseId={course.id} />

      <Section focusable id="setup-heading" title="Course set-up">
        <p className="section__intro">The inventory, problem area, formulation and contract, step by step.</p>
        <SetupLinks course={course} />
      </Section>

      <Section focusable id="history-heading" title="History">
        <h3>Plan changes</h3>
        <PlanHistory course={course} />
        <h3>Problem-area changes</h3>
        <ProblemAreaHistory course={course} />
      </Section>
    </>
  );
}

export function CourseRoute() {
  const { courseId = "" } = useParams();
  const course = useCourse(courseId);
  const crumbs = [{ label: "Caseload", href: paths.therapist.caseload.getHref() }];

  if (course.isPending || course.isError) {
    return (
      <div className="page">
        <Breadcrumbs crumbs={[...crumbs, { label: "Course" }]} />
        {/* Same place as the loaded page's heading, so it keeps focus across a reload. */}
        <div className="page-header">
          <PageHeading>Course</PageHeading>
        </div>
        <QueryFallback
          query={course}
          loading="Loading the course…"
          errorTitle="The course could not be loaded."
        />
      </div>
    );
  }

  const data = course.data;
  return (
    <div className="page">
      <Breadcrumbs
        crumbs={[
          ...crumbs,
          { label: data.client.displayName, href: paths.therapist.client.getHref(data.client.id) },
          { label: `Course ${data.sequence}` },
        ]}
      />
      <div className="page-header">
        <PageHeading title={`${data.client.displayName}: IPT course`}>{data.client.displayName}</PageHeading>
        <div className="page-header__actions">
          <Link to={paths.therapist.client.getHref(data.client.id)} className="button button--secondary">
            Client details and courses
          </Link>
          <Link to={paths.therapist.coursePrint.getHref(data.id)} className="button button--secondary">
            Printable plan
          </Link>
        </div>
      </div>
      <p className="page-subtitle">
        {formatPresets[data.format].label}, course {data.sequence}
        {data.client.workingDiagnosis ? `. Working diagnosis: ${data.client.workingDiagnosis}` : ""}.
      </p>
      <CourseContent course={data} />
    </div>
  );
}
