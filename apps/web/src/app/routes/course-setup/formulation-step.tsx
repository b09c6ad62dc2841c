import { useNavigate } from "react-router";
import { paths } from "../../../config/paths";
import { ContractForm } from "../../../features/courses/components/contract-form";
import { FormulationForm } from "../../../features/courses/components/formulation-form";
import { CourseSetupPage } from "./setup-page";

/** Set-up step 4: the formulation, then the contract, whose saving generates the plan. */
export function FormulationStepRoute() {
  const navigate = useNavigate();
  return (
    <CourseSetupPage step="formulation">
      {(course) => (
        <>
          <section className="section" aria-labelledby="formulation-heading">
            <h2 id="formulation-heading" className="section__title">
              Formulation
            </h2>
            <FormulationForm key={course.id} course={course} />
          </section>
          <section className="section" aria-labelledby="contract-heading">
            <h2 id="contract-heading" className="section__title">
              Treatment contract
            </h2>
            <p className="section__intro">Saving the contract generates the dated session plan.</p>
            <ContractForm
              key={course.id}
              course={course}
              onSaved={() =>
                void navigate(paths.therapist.courseSetup.plan.getHref(course.client.id, course.id))
              }
            />
          </section>
        </>
      )}
    </CourseSetupPage>
  );
}
