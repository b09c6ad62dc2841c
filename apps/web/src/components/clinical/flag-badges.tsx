import type { Flag } from "@ipt/shared";
import { flagLabels } from "./labels";
import { SourceTags } from "./source-tags";

/** Flags as text badges (never colour alone), for a table cell. */
export function FlagBadges({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return <span className="cell__note">None</span>;
  return (
    <ul className="flag-list">
      {flags.map((flag) => (
        <li key={flag.code}>
          <span className="badge badge--flag" title={flag.message}>
            <span aria-hidden="true">! </span>
            {flagLabels[flag.code]}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Flags with their full explanation and sources, for a course page. */
export function FlagNotices({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return null;
  return (
    <ul className="flag-notices">
      {flags.map((flag) => (
        <li key={flag.code}>
          <span className="badge badge--flag">
            <span aria-hidden="true">! </span>
            {flagLabels[flag.code]}
          </span>{" "}
          {flag.message} <SourceTags tags={flag.sources} />
        </li>
      ))}
    </ul>
  );
}
