import { useParams } from "react-router";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { Section } from "../../components/section";
import { PageFallback } from "../../components/page-fallback";
import { Tabs } from "../../components/tabs";
import { useCourse } from "../../features/courses/api/get-course";
import { CourseHeader } from "../../features/courses/components/course-header";
import { useCourseFidelity } from "../../features/fidelity/api/get-course-fidelity";
import { FhirDownload } from "../../features/fhir/components/fhir-download";
import { CourseFidelitySection } from "../../features/fidelity/components/course-fidelity-section";
import { SupervisedCourse } from "../../features/supervision/components/supervised-course";
import { courseCrumbs, courseTabs } from "./course/course-layout";
import { ReviewPanel } from "./review-panel";
import { CrisisSteps } from "../../features/measures/components/crisis-steps";

/** A supervisee's course, read only, with its fidelity ratings and the sessions proposed for review. */
export function SupervisionCourseRoute() {
  const { courseId = "" } = useParams();
  const course = useCourse(courseId);
  // The therapist's name comes with the ratings; the page does not wait for it.
  const therapist = useCourseFidelity(courseId).data?.therapist;

  if (course.isPending || course.isError) {
    return (
      <PageFallback
        crumbs={courseCrumbs("supervisor", undefined)}
        heading="Course review"
        query={course}
        loading="Loading the course…"
        errorTitle="The course could not be loaded."
      />
    );
  }

  const data = course.data;
  return (
    <div className="page">
      <Breadcrumbs crumbs={courseCrumbs("supervisor", data)} />
      <CourseHeader course={data} showNextAction={false} onRisk={<CrisisSteps />} />
      <Tabs label="Course sections" tabs={courseTabs("supervisor", data.id)} />
      <p className="notice">
        Read only: you are reviewing as a supervisor{therapist ? ` a course seen by ${therapist.name}` : ""}.
      </p>
      <SupervisedCourse course={data} fidelity={<CourseFidelitySection courseId={data.id} />} />
      <ReviewPanel courseId={data.id} />
      <Section focusable id="export-heading" title="Export">
        <FhirDownload courseId={data.id} />
      </Section>
    </div>
  );
}
