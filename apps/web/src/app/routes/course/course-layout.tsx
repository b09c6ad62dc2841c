import type { CourseDetail, Role } from "@ipt/shared";
import { Link, Outlet, useOutletContext, useParams } from "react-router";
import { Breadcrumbs, type Crumb } from "../../../components/breadcrumbs";
import { PageFallback } from "../../../components/page-fallback";
import { SourcesScope } from "../../../components/clinical/source-tags";
import { Tabs, type TabLink } from "../../../components/tabs";
import { paths } from "../../../config/paths";
import { useSession } from "../../../features/auth/api/get-session";
import { useCourse } from "../../../features/courses/api/get-course";
import { CourseHeader } from "../../../features/courses/components/course-header";
import { CrisisSteps } from "../../../features/measures/components/crisis-steps";

/** The course page's sections: the therapist works in all of them; a supervisor reviews and reads the measures. */
export function courseTabs(role: Role | undefined, courseId: string): TabLink[] {
  if (role === "supervisor") {
    return [
      { label: "Review", href: paths.supervision.course.getHref(courseId) },
      { label: "Measures", href: paths.clinical.courseMeasures.getHref(courseId) },
    ];
  }
  return [
    { label: "Overview", href: paths.therapist.course.getHref(courseId) },
    { label: "Plan", href: paths.therapist.courseSection.plan.getHref(courseId) },
    { label: "Measures", href: paths.clinical.courseMeasures.getHref(courseId) },
    { label: "Formulation", href: paths.therapist.courseSection.formulation.getHref(courseId) },
    { label: "History", href: paths.therapist.courseSection.history.getHref(courseId) },
  ];
}

export function courseCrumbs(role: Role | undefined, course: CourseDetail | undefined): Crumb[] {
  if (role === "supervisor") {
    return [
      { label: "Supervision", href: paths.supervision.cockpit.getHref() },
      { label: course ? `${course.client.displayName}, course ${course.sequence}` : "Course" },
    ];
  }
  return [
    { label: "Caseload", href: paths.therapist.caseload.getHref() },
    ...(course
      ? [
          { label: course.client.displayName, href: paths.therapist.client.getHref(course.client.id) },
          { label: `Course ${course.sequence}` },
        ]
      : [{ label: "Course" }]),
  ];
}

/**
 * Every section of a course shares this frame: the header with what matters at a glance (risk
 * first), the therapist's one next action, and the section tabs. The section itself is the outlet.
 */
export function CourseLayout() {
  const { courseId = "" } = useParams();
  const course = useCourse(courseId);
  const role = useSession().data?.user.role;

  if (course.isPending || course.isError) {
    return (
      <PageFallback
        crumbs={courseCrumbs(role, undefined)}
        heading="Course"
        query={course}
        loading="Loading the course…"
        errorTitle="The course could not be loaded."
      />
    );
  }

  const data = course.data;
  const therapist = role === "therapist";
  return (
    <div className="page">
      <Breadcrumbs crumbs={courseCrumbs(role, data)} />
      <CourseHeader
        onRisk={<CrisisSteps />}
        course={data}
        showNextAction={therapist}
        actions={
          therapist ? (
            <>
              <Link to={paths.therapist.client.getHref(data.client.id)} className="button button--secondary">
                Client details
              </Link>
              <Link to={paths.therapist.coursePrint.getHref(data.id)} className="button button--secondary">
                Printable plan
              </Link>
            </>
          ) : null
        }
      />
      <Tabs label="Course sections" tabs={courseTabs(role, data.id)} />
      <SourcesScope>
        <Outlet context={data} />
      </SourcesScope>
    </div>
  );
}

/** The course the layout loaded, for its sections. */
export function useCourseOfLayout(): CourseDetail {
  return useOutletContext<CourseDetail>();
}
