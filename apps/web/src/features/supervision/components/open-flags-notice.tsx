import { Link } from "react-router";
import { ErrorState } from "../../../components/states";
import { paths } from "../../../config/paths";
import { useSupervisionRiskFlags } from "../api/list-risk-flags";

/** "1 open risk flag", "3 open risk flags". */
export function openFlagsText(count: number): string {
  return `${count} open risk flag${count === 1 ? "" : "s"} among your supervisees' clients.`;
}

/**
 * A red notice on the supervisor's home page while any supervisee's client has an open risk flag;
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
  if (count === 0) return null;
  return (
    <div className="notice notice--risk">
      <p className="notice__title">
        <span aria-hidden="true">! </span>Urgent: {openFlagsText(count)}
      </p>
      <p>
        <Link to={paths.supervision.riskFlags.getHref()}>Review open risk flags</Link>
      </p>
    </div>
  );
}
