import type { Flag } from "@ipt/shared";
import { FlagNotices } from "../../../components/clinical/flag-badges";
import {
  needsNonResponseReview,
  NonResponseSuggestions,
} from "../../../components/clinical/non-response-suggestions";

const severityRank: Record<Flag["severity"], number> = { red: 0, amber: 1, notice: 2 };

/** Red first, then amber, then notices; the API's order is kept within each. */
export function bySeverity(flags: readonly Flag[]): Flag[] {
  return [...flags].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

/**
 * The course's risk and measurement alerts, most serious first, each with its explanation and
 * sources; when the course is not on track, what the sources suggest.
 */
export function AlertsPanel({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return <p className="muted">No alerts.</p>;
  return (
    <>
      <FlagNotices flags={bySeverity(flags)} />
      {needsNonResponseReview(flags) ? <NonResponseSuggestions /> : null}
    </>
  );
}
