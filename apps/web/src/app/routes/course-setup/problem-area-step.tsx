import { useNavigate } from "react-router";
import { paths } from "../../../config/paths";
import { ProblemAreaForm } from "../../../features/courses/components/problem-area-form";
import { CourseSetupPage } from "./setup-page";

/** Set-up step 3: the problem area of the formulation; saving it moves on to the formulation. */
export function ProblemAreaStepRoute() {
  const navigate = useNavigate();
  return (
    <CourseSetupPage step="problemArea">
      {(course) => (
        <section className="section" aria-labelledby="problem-area-heading">
          <h2 id="problem-area-heading" className="section__title">
            Choose the problem area
          </h2>
          <ProblemAreaForm
            key={course.id}
            course={course}
            onContinue={() =>
              void navigate(paths.therapist.courseSetup.formulation.getHref(course.client.id, course.id))
            }
          />
        </section>
      )}
    </CourseSetupPage>
  );
}
