import { useNavigate, useSearchParams } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { PagedResults } from "../../components/paged-results";
import { Section } from "../../components/section";
import { QueryFallback } from "../../components/states";
import { paths } from "../../config/paths";
import { useCockpit } from "../../features/supervision/api/get-cockpit";
import { useTherapistSummaries } from "../../features/supervision/api/get-therapist-summaries";
import { CockpitFilters } from "../../features/supervision/components/cockpit-filters";
import { CockpitTable } from "../../features/supervision/components/cockpit-table";
import { OpenRiskFlagsNotice } from "../../features/supervision/components/open-flags-notice";
import { TherapistSummaryTable } from "../../features/supervision/components/therapist-summary-table";
import { cockpitParamsFromSearch } from "./clinical-loaders";
import { CrisisSteps } from "../../features/measures/components/crisis-steps";

/** The service's crisis steps under each red flag of the list, one click away (issue 14). */
const crisisStepsFor = (clientName: string) => <CrisisSteps subject={clientName} />;

/**
 * Supervisor home, the cockpit: open risk flags, each supervisee at a glance, and every active client
 * of the supervisees, most urgent first. Everything here is read only.
 */
export function SupervisionCockpitRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const params = cockpitParamsFromSearch(searchParams);
  const { therapistId, phase, flag } = params;
  const filtered = Boolean(therapistId || phase || flag);
  const summaries = useTherapistSummaries();
  const cockpit = useCockpit(params);
  const noSupervisees = summaries.data?.items.length === 0;
  // Until the supervisees are known the "Therapist" filter offers only "All supervisees".
  const therapists = summaries.data?.items.map((summary) => summary.therapist) ?? null;

  return (
    <div className="page">
      <PageHeading>Supervision</PageHeading>
      <OpenRiskFlagsNotice />

      <Section id="supervisees-heading" title="Supervisees">
        {summaries.isPending || summaries.isError ? (
          <QueryFallback
            query={summaries}
            loading="Loading your supervisees…"
            errorTitle="Your supervisees could not be loaded."
          />
        ) : (
          <TherapistSummaryTable summaries={summaries.data.items} selectedTherapistId={therapistId} />
        )}
      </Section>

      {noSupervisees ? null : (
        <Section id="clients-heading" title="Clients">
          <p className="section__intro">
            Most urgent first: open risk flags, then clients not responding, then overdue items, then the
            rest.
          </p>
          <CockpitFilters
            key={`${therapistId ?? ""}|${phase ?? ""}|${flag ?? ""}|${summaries.status}`}
            values={{ therapistId, phase, flag }}
            therapists={therapists}
            onApply={(values) => void navigate(paths.supervision.cockpit.getHref(values))}
          />
          <PagedResults
            query={cockpit}
            loading="Loading clients…"
            errorTitle="The clients could not be loaded."
            emptyTitle={
              filtered ? "No active clients match these filters." : "Your supervisees have no active clients."
            }
            emptyContent={filtered ? <p>Try other filters, or clear the filters.</p> : null}
            pagesLabel="Client pages"
            hrefForPage={(page) => paths.supervision.cockpit.getHref({ therapistId, phase, flag, page })}
          >
            {(rows) => <CockpitTable rows={rows} crisisSteps={crisisStepsFor} />}
          </PagedResults>
        </Section>
      )}
    </div>
  );
}
