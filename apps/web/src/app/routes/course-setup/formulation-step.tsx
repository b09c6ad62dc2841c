import { useNavigate } from "react-router";
import { paths } from "../../../config/paths";
import { ContractForm } from "../../../features/courses/components/contract-form";
import { CourseSetupPage } from "./setup-page";

/** Set-up step 4: the formulation and the contract, saved together; saving generates the plan. */
export function FormulationStepRoute() {
  const navigate = useNavigate();
  return (
    <CourseSetupPage step="formulation">
      {(course) => (
        <section className="section" aria-labelledby="contract-heading">
          <h2 id="contract-heading" className="section__title">
            Formulation and treatment contract
          </h2>
          <p className="section__intro">Saving generates the dated session plan.</p>
          <ContractForm
            key={course.id}
            course={course}
            withFormulation
            onSaved={() =>
              void navigate(paths.therapist.courseSetup.plan.getHref(course.client.id, course.id))
            }
          />
        </section>
      )}
    </CourseSetupPage>
  );
}
