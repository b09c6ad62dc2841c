import { PageHeading } from "../../components/page-heading";
import { EmptyState } from "../../components/states";
import { OpenRiskFlagsNotice } from "../../features/supervision/components/open-flags-notice";

/** Supervisor home. Supervisees' caseloads arrive with the clients API (a later issue). */
export function SuperviseesRoute() {
  return (
    <div className="page">
      <PageHeading>Supervisees</PageHeading>
      <OpenRiskFlagsNotice />
      <EmptyState title="No supervisee caseloads to show yet.">
        <p>The caseloads of therapists you supervise will be listed here.</p>
      </EmptyState>
    </div>
  );
}
