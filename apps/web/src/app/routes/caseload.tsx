import { PageHeading } from "../../components/page-heading";
import { EmptyState } from "../../components/states";

/** Therapist home. Clients arrive with the clients API (a later issue). */
export function CaseloadRoute() {
  return (
    <div className="page">
      <PageHeading>Caseload</PageHeading>
      <EmptyState title="You have no clients yet.">
        <p>Clients you work with will be listed here.</p>
      </EmptyState>
    </div>
  );
}
