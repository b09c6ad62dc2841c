import { ProblemAreaForm } from "../../../features/courses/components/problem-area-form";
import { CourseSetupPage } from "./setup-page";

/** Set-up step 3: the problem area of the formulation. */
export function ProblemAreaStepRoute() {
  return (
    <CourseSetupPage step="problemArea">
      {(course) => (
        <section className="section" aria-labelledby="problem-area-heading">
          <h2 id="problem-area-heading" className="section__title">
            Choose the problem area
          </h2>
          <ProblemAreaForm key={course.id} course={course} />
        </section>
      )}
    </CourseSetupPage>
  );
}
