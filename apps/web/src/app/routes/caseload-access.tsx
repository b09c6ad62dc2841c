import { PageHeading } from "../../components/page-heading";
import { QueryFallback } from "../../components/states";
import { useCaseloadAccess } from "../../features/users/api/get-caseload-access";
import { CaseloadAccess } from "../../features/users/components/caseload-access";

/**
 * Who can read the therapist's caseload, and every change to that (docs/decisions/025): reached from
 * the attention list when something changed, and from the account links in the header.
 */
export function CaseloadAccessRoute() {
  const access = useCaseloadAccess();
  return (
    <div className="page page--narrow">
      <PageHeading>Who can read your caseload</PageHeading>
      <p className="section__intro">
        Your supervisors can read your clients’ records. An administrator assigns them; each change is listed
        here and shows on your attention list until you mark it as seen. Administrators cannot read clinical
        records.
      </p>
      {access.isPending || access.isError ? (
        <QueryFallback
          query={access}
          loading="Loading who can read your caseload…"
          errorTitle="Who can read your caseload could not be loaded."
        />
      ) : (
        <CaseloadAccess access={access.data} />
      )}
    </div>
  );
}
