import { ITEM9_FOLLOW_UP } from "@ipt/shared";
import { SourceTags } from "../../components/clinical/source-tags";
import { PageHeading } from "../../components/page-heading";
import { QueryFallback } from "../../components/states";
import { CrisisSteps } from "../../features/measures/components/crisis-steps";
import { useSupervisionRiskFlags } from "../../features/supervision/api/list-risk-flags";
import { RiskFlagsTable } from "../../features/supervision/components/risk-flags-table";

/** The supervisor's list of open risk flags among the clients of the therapists they supervise. */
export function SupervisionRiskFlagsRoute() {
  const flags = useSupervisionRiskFlags();
  return (
    <div className="page">
      <PageHeading>Open risk flags</PageHeading>
      <p className="section__intro">
        {ITEM9_FOLLOW_UP.text} <SourceTags tags={ITEM9_FOLLOW_UP.sources} />
      </p>
      <CrisisSteps />
      {flags.isPending || flags.isError ? (
        <QueryFallback
          query={flags}
          loading="Loading open risk flags…"
          errorTitle="The open risk flags could not be loaded."
        />
      ) : (
        <RiskFlagsTable flags={flags.data.items} />
      )}
    </div>
  );
}
