import { endpointPath, endpoints } from "@ipt/shared";
import { Link, useNavigate, useSearchParams } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { PagedResults } from "../../components/paged-results";
import { paths } from "../../config/paths";
import { useCaseload } from "../../features/caseload/api/list-caseload";
import { CaseloadFilters } from "../../features/caseload/components/caseload-filters";
import { CaseloadTable } from "../../features/caseload/components/caseload-table";
import { caseloadParamsFromSearch } from "./clinical-loaders";
import { CrisisSteps } from "../../features/measures/components/crisis-steps";

/** The service's crisis steps under each red flag of the list, one click away (issue 14). */
const crisisStepsFor = (clientName: string) => <CrisisSteps subject={clientName} />;

function NewClientLink() {
  return (
    <Link to={paths.therapist.newClient.getHref()} className="button">
      New client
    </Link>
  );
}

/** Therapist home: every client with their course's phase, progress, next session and flags. */
export function CaseloadRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const params = caseloadParamsFromSearch(searchParams);
  const { q, status, phase, flagged } = params;
  const filtered = Boolean(q || status || phase || flagged);
  const clients = useCaseload(params);
  const noClientsAtAll = !filtered && clients.data?.total === 0;

  return (
    <div className="page">
      <div className="page-header">
        <PageHeading>Caseload</PageHeading>
        {noClientsAtAll ? null : <NewClientLink />}
      </div>

      {noClientsAtAll ? null : (
        <CaseloadFilters
          key={`${q ?? ""}|${status ?? ""}|${phase ?? ""}|${flagged ?? ""}`}
          values={{ q, status, phase, flagged }}
          onApply={(values) => void navigate(paths.therapist.caseload.getHref(values))}
        />
      )}

      <PagedResults
        query={clients}
        loading="Loading clients…"
        errorTitle="The caseload could not be loaded."
        emptyTitle={filtered ? "No clients match these filters." : "You have no clients yet."}
        emptyContent={
          filtered ? (
            <p>Try a different search, or clear the filters.</p>
          ) : (
            <>
              <p>Add a client to set up their first IPT course.</p>
              <NewClientLink />
            </>
          )
        }
        pagesLabel="Caseload pages"
        hrefForPage={(page) => paths.therapist.caseload.getHref({ q, status, phase, flagged, page })}
      >
        {(entries) => <CaseloadTable entries={entries} crisisSteps={crisisStepsFor} />}
      </PagedResults>

      {noClientsAtAll ? null : (
        <p>
          <a href={endpointPath(endpoints.fhir.exportCaseload, {})} download="caseload.fhir.json">
            Download the whole caseload as FHIR bundles
          </a>{" "}
          <span className="muted">(clients under codes, not names; recorded in the audit log)</span>
        </p>
      )}
    </div>
  );
}
