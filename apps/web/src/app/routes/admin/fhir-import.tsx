import { PageHeading } from "../../../components/page-heading";
import { EmptyState, QueryFallback } from "../../../components/states";
import { FhirImportForm } from "../../../features/fhir/components/fhir-import-form";
import { activeTherapistsParams, useUsers } from "../../../features/users/api/list-users";

/** Import a course from a FHIR R4 Bundle of this app (admin only): the course joins a therapist's caseload. */
export function FhirImportRoute() {
  const therapists = useUsers(activeTherapistsParams);
  return (
    <div className="page">
      <PageHeading>Import a course</PageHeading>
      <p className="section__intro">
        A course exported from another service of this app as a FHIR R4 Bundle. The whole file is checked
        first: if anything in it is not valid, nothing is imported and each problem is listed. A maintenance
        course’s file holds the acute course it continues: both are imported, for one new client. Each import
        makes a new client, even for a course imported before.
      </p>
      {therapists.isPending || therapists.isError ? (
        <QueryFallback
          query={therapists}
          loading="Loading the therapists…"
          errorTitle="The therapists could not be loaded."
        />
      ) : therapists.data.items.length === 0 ? (
        <EmptyState title="There is no active therapist to give the course to.">
          Create a therapist account first.
        </EmptyState>
      ) : (
        <FhirImportForm therapists={therapists.data.items} />
      )}
    </div>
  );
}
