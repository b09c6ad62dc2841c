import type { ClientDetail } from "@ipt/shared";
import { clientStatusLabels } from "../../../components/clinical/labels";
import { SummaryRow } from "../../../components/summary-row";

const notRecorded = <span className="muted">Not recorded</span>;

/** The client's details as recorded. */
export function ClientSummary({ client }: { client: ClientDetail }) {
  return (
    <dl className="summary">
      <SummaryRow term="Name or code">{client.displayName}</SummaryRow>
      <SummaryRow term="Year of birth">{client.yearOfBirth ?? notRecorded}</SummaryRow>
      <SummaryRow term="Email address">{client.email ?? notRecorded}</SummaryRow>
      <SummaryRow term="Reason for referral">
        <span className="prewrap">{client.referralReason}</span>
      </SummaryRow>
      <SummaryRow term="Working diagnosis">{client.workingDiagnosis.trim() || notRecorded}</SummaryRow>
      <SummaryRow term="Status">{clientStatusLabels[client.status]}</SummaryRow>
    </dl>
  );
}
