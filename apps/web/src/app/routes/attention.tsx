import { PageHeading } from "../../components/page-heading";
import { QueryFallback } from "../../components/states";
import { useAttention } from "../../features/attention/api/get-attention";
import { AttentionList } from "../../features/attention/components/attention-list";

/** The therapist's list of what waits for them across their active courses. */
export function AttentionRoute() {
  const attention = useAttention();
  return (
    <div className="page">
      <PageHeading>Needs your attention</PageHeading>
      <p className="section__intro">
        Risk flags to follow up, your supervisors’ change requests and comments, held sessions still to sign,
        oldest first, and changes to who can read your caseload.
      </p>
      {attention.isPending || attention.isError ? (
        <QueryFallback
          query={attention}
          loading="Loading what needs your attention…"
          errorTitle="The list could not be loaded."
        />
      ) : (
        <AttentionList
          items={attention.data.items}
          caseloadAccessChanges={attention.data.caseloadAccessChanges}
        />
      )}
    </div>
  );
}
