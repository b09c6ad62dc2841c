import type { ClientDetail } from "@ipt/shared";
import type { ReactNode } from "react";
import { clientStatusLabels } from "../../../components/clinical/labels";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="summary__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const notRecorded = <span className="muted">Not recorded</span>;

/** The client's details as recorded. */
export function ClientSummary({ client }: { client: ClientDetail }) {
  return (
    <dl className="summary">
      <Row term="Name or code">{client.displayName}</Row>
      <Row term="Year of birth">{client.yearOfBirth ?? notRecorded}</Row>
      <Row term="Reason for referral">
        <span className="prewrap">{client.referralReason}</span>
      </Row>
      <Row term="Working diagnosis">{client.workingDiagnosis.trim() || notRecorded}</Row>
      <Row term="Status">{clientStatusLabels[client.status]}</Row>
    </dl>
  );
}
