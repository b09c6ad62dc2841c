// A risk flag's escalation as the therapist sees it (shared safety/escalation.ts): why it went to the
// client's supervisors, whether it still awaits their acknowledgement (it cannot be resolved until
// then), and who acknowledged it when.
import { escalationReasonLabels, type RiskEscalation } from "@ipt/shared";
import { formatDateTime } from "../../../lib/format";

export function RiskEscalationNote({ escalation }: { escalation: RiskEscalation }) {
  const latest = escalation.reasons.at(-1);
  const { acknowledgedAt, acknowledgedBy } = escalation;
  if (!latest && !acknowledgedAt) return null;
  return (
    <div className="risk-flag__escalation">
      {latest ? (
        <p>
          <strong>Escalated to the client’s supervisors.</strong> {escalationReasonLabels[latest.code]}
        </p>
      ) : null}
      {escalation.awaitingAcknowledgement ? (
        <p>
          <strong className="text-risk">Awaiting a supervisor’s acknowledgement:</strong> the flag can be
          resolved once one of the client’s supervisors has acknowledged it.
        </p>
      ) : null}
      {acknowledgedAt && acknowledgedBy ? (
        <p>
          Acknowledged by {acknowledgedBy.name} on{" "}
          <time dateTime={acknowledgedAt}>{formatDateTime(acknowledgedAt)}</time>.
        </p>
      ) : null}
    </div>
  );
}
