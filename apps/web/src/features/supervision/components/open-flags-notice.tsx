import { Link } from "react-router";
import { ErrorState } from "../../../components/states";
import { paths } from "../../../config/paths";
import { useSupervisionRiskFlags } from "../api/list-risk-flags";

/** "1 open risk flag", "3 open risk flags". */
export function openFlagsText(count: number): string {
  return `${count} open risk flag${count === 1 ? "" : "s"} among your supervisees' clients.`;
}

/** "1 risk flag awaits your acknowledgement", "2 risk flags await your acknowledgement". */
export function awaitingAcknowledgementText(count: number): string {
  return count === 1
    ? "1 risk flag awaits your acknowledgement."
    : `${count} risk flags await your acknowledgement.`;
}

/**
 * A red notice on the supervisor's home page (the cockpit's top) while any supervisee's client has an
 * open risk flag, led by how many await the supervisor's acknowledgement;
 * nothing while loading or when there are none. A failure is shown: silence would read as "none".
 */
export function OpenRiskFlagsNotice() {
  const flags = useSupervisionRiskFlags();
  if (flags.isError) {
    return (
      <ErrorState
        title="Open risk flags could not be checked."
        error={flags.error}
        onRetry={() => void flags.refetch()}
      />
    );
  }
  const count = flags.data?.items.length ?? 0;
  const awaiting = flags.data?.awaitingAcknowledgement ?? 0;
  if (count === 0) return null;
  return (
    <div className="notice notice--risk">
      {awaiting > 0 ? (
        <p className="notice__title">
          <span aria-hidden="true">! </span>Urgent: {awaitingAcknowledgementText(awaiting)}
        </p>
      ) : null}
      <p className={awaiting > 0 ? undefined : "notice__title"}>
        {awaiting > 0 ? null : <span aria-hidden="true">! </span>}
        {awaiting > 0 ? null : "Urgent: "}
        {openFlagsText(count)}
      </p>
      <p>
        <Link to={paths.supervision.riskFlags.getHref()}>Review open risk flags</Link>
      </p>
    </div>
  );
}
