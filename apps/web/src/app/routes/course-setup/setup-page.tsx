import type { CourseDetail } from "@ipt/shared";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { SourcesScope } from "../../../components/clinical/source-tags";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { PageHeading } from "../../../components/page-heading";
import { QueryFallback } from "../../../components/states";
import { StepList } from "../../../components/step-list";
import { paths } from "../../../config/paths";
import { useCourse } from "../../../features/courses/api/get-course";
import {
  setupStepLabel,
  setupSteps,
  type SetupStepKey,
} from "../../../features/courses/components/setup-steps";

/** Where "Continue" leads from each step. */
const nextStep: Partial<Record<SetupStepKey, Exclude<SetupStepKey, "client">>> = {
  inventory: "problemArea",
  problemArea: "formulation",
  formulation: "plan",
};

/**
 * The frame of every course set-up step after the first: breadcrumbs, the step's heading, the list
 * of steps and a link on to the next one. `children` gets the course.
 */
export function CourseSetupPage({
  step,
  children,
}: {
  step: Exclude<SetupStepKey, "client">;
  children: (course: CourseDetail) => ReactNode;
}) {
  const { courseId = "" } = useParams();
  const course = useCourse(courseId);
  const label = setupStepLabel(step);
  const caseload = { label: "Caseload", href: paths.therapist.caseload.getHref() };

  if (course.isPending || course.isError) {
    return (
      <div className="page">
        {/* The same layout as the loaded page, so the heading keeps focus across a reload. */}
        <Breadcrumbs crumbs={[caseload, { label: `Set-up: ${label}` }]} />
        <PageHeading>{label}</PageHeading>
        <QueryFallback
          query={course}
          loading="Loading the course…"
          errorTitle="The course could not be loaded."
        />
      </div>
    );
  }

  const data = course.data;
  const next = nextStep[step];
  return (
    <div className="page">
      <Breadcrumbs
        crumbs={[
          caseload,
          { label: data.client.displayName, href: paths.therapist.client.getHref(data.client.id) },
          { label: `Course ${data.sequence}`, href: paths.therapist.course.getHref(data.id) },
          { label: `Set-up: ${label}` },
        ]}
      />
      <PageHeading title={`${label}: ${data.client.displayName}`}>{label}</PageHeading>
      <p className="page-subtitle">Course set-up for {data.client.displayName}</p>
      <StepList label="Course set-up steps" steps={setupSteps(step, data)} />
      <SourcesScope>{children(data)}</SourcesScope>
      {next ? (
        <p className="next-step">
          <Link to={paths.therapist.courseSetup[next].getHref(data.client.id, data.id)} className="button">
            Continue to {setupStepLabel(next).toLowerCase()}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
