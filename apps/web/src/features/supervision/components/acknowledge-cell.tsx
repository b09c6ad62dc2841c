// The supervisor's part of a risk flag's escalation (shared safety/escalation.ts): why it escalated,
// the Acknowledge button while it awaits them, and who acknowledged it when.
import { escalationReasonLabels, type SupervisionRiskFlag } from "@ipt/shared";
import { ApiError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { useAcknowledgeRiskFlag } from "../api/acknowledge-risk-flag";

/** "Acknowledged by Sam Supervisor, 2 Mar 2026, 10:00", or null before any acknowledgement. */
export function acknowledgedText(escalation: SupervisionRiskFlag["escalation"]): string | null {
  if (!escalation.acknowledgedAt || !escalation.acknowledgedBy) return null;
  return `Acknowledged by ${escalation.acknowledgedBy.name}, ${formatDateTime(escalation.acknowledgedAt)}`;
}

export function AcknowledgeCell({ flag }: { flag: SupervisionRiskFlag }) {
  const acknowledge = useAcknowledgeRiskFlag();
  const { escalation } = flag;
  const acknowledged = acknowledgedText(escalation);
  if (!escalation.awaitingAcknowledgement) {
    return <>{acknowledged ?? (escalation.reasons.length === 0 ? "Not escalated" : "Acknowledged")}</>;
  }
  const latest = escalation.reasons.at(-1);
  return (
    <>
      <strong className="text-risk">Awaits your acknowledgement</strong>
      {latest ? <span className="cell__note">{escalationReasonLabels[latest.code]}</span> : null}
      {acknowledged ? <span className="cell__note">Earlier: {acknowledged}</span> : null}
      <button
        type="button"
        className="button button--small"
        disabled={acknowledge.isPending}
        onClick={() => acknowledge.mutate(flag.riskFlagId)}
      >
        {acknowledge.isPending ? "Acknowledging…" : "Acknowledge"}
        <span className="visually-hidden"> the risk flag of {flag.client.displayName}</span>
      </button>
      {acknowledge.isError ? (
        <p role="alert" className="notice notice--error">
          {acknowledge.error instanceof ApiError
            ? acknowledge.error.message
            : "The acknowledgement could not be saved. Try again."}
        </p>
      ) : null}
    </>
  );
}
