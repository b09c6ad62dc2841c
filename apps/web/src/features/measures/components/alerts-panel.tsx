import { nonResponseSuggestions, type Flag } from "@ipt/shared";
import { FlagNotices } from "../../../components/clinical/flag-badges";
import { SourceTags } from "../../../components/clinical/source-tags";

const severityRank: Record<Flag["severity"], number> = { red: 0, amber: 1, notice: 2 };

/** Red first, then amber, then notices; the API's order is kept within each. */
export function bySeverity(flags: readonly Flag[]): Flag[] {
  return [...flags].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

/** The sources' suggestions apply when the course is not on track or not responding early. */
export const needsNonResponseReview = (flags: readonly Flag[]) =>
  flags.some((flag) => flag.code === "not_on_track" || flag.code === "early_non_response");

/**
 * The course's risk and measurement alerts, most serious first, each with its explanation and
 * sources; when the course is not on track, what the sources suggest.
 */
export function AlertsPanel({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return <p className="muted">No alerts.</p>;
  return (
    <>
      <FlagNotices flags={bySeverity(flags)} />
      {needsNonResponseReview(flags) ? (
        <div className="notice notice--important">
          <p className="notice__title">When a course is not on track, the sources suggest:</p>
          <ul className="notice__list">
            {nonResponseSuggestions.map((suggestion) => (
              <li key={suggestion.text}>
                {suggestion.text} <SourceTags tags={suggestion.sources} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
