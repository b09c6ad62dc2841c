import { useNavigate } from "react-router";
import { SourcesScope } from "../../components/clinical/source-tags";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { PageHeading } from "../../components/page-heading";
import { StepList } from "../../components/step-list";
import { paths } from "../../config/paths";
import { NewClientForm } from "../../features/clients/components/new-client-form";
import { setupStepLabel, setupSteps } from "../../features/courses/components/setup-steps";

/** Set-up step 1: the client and the course's format; then on to the inventory. */
export function NewClientRoute() {
  const navigate = useNavigate();
  return (
    <div className="page">
      <Breadcrumbs
        crumbs={[{ label: "Caseload", href: paths.therapist.caseload.getHref() }, { label: "New client" }]}
      />
      <PageHeading>New client</PageHeading>
      <p className="page-subtitle">A new client and their first IPT course.</p>
      <StepList label="Course set-up steps" steps={setupSteps("client", null)} />
      <section className="section" aria-labelledby="new-client-heading">
        <h2 id="new-client-heading" className="section__title">
          {setupStepLabel("client")}
        </h2>
        <SourcesScope>
          <NewClientForm
            onCreated={(clientId, courseId) =>
              void navigate(paths.therapist.courseSetup.inventory.getHref(clientId, courseId))
            }
          />
        </SourcesScope>
      </section>
    </div>
  );
}
