import type { Flag } from "@ipt/shared";
import { flagLabels, flagSeverityLabels, flagShortLabels } from "./labels";
import { SourceTags } from "./source-tags";

/**
 * A flag's badge: its seriousness in words ("Urgent: …") as well as in colour, so red never stands
 * alone. Flags keep the order the API gives (most serious first).
 */
function FlagBadge({ flag, compact = false }: { flag: Flag; compact?: boolean }) {
  return (
    <span
      className={`badge badge--flag badge--flag-${flag.severity}${compact ? " badge--compact" : ""}`}
      title={compact ? `${flagLabels[flag.code]}. ${flag.message}` : undefined}
    >
      <span className="badge__severity">{flagSeverityLabels[flag.severity]}:</span>{" "}
      {compact ? (flag.summary ?? flagShortLabels[flag.code]) : flagLabels[flag.code]}
    </span>
  );
}

/** Flags as short text badges (never colour alone), for a table cell; each says its full label on hover. */
export function FlagBadges({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return <span className="cell__note">None</span>;
  return (
    <ul className="flag-list">
      {flags.map((flag) => (
        <li key={flag.code}>
          <FlagBadge flag={flag} compact />
        </li>
      ))}
    </ul>
  );
}

/** Flags with their full explanation and sources, for a course page. */
export function FlagNotices({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return null;
  const urgent = flags.some((flag) => flag.severity === "red");
  return (
    <ul className={`flag-notices${urgent ? " flag-notices--red" : ""}`}>
      {flags.map((flag) => (
        <li key={flag.code} className={`flag-notice flag-notice--${flag.severity}`}>
          <FlagBadge flag={flag} /> {flag.message} <SourceTags tags={flag.sources} />
        </li>
      ))}
    </ul>
  );
}
