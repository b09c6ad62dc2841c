import { nonResponseSuggestions, type Flag } from "@ipt/shared";
import { SourceTags } from "./source-tags";

/** The sources' suggestions apply when the course is not on track or not responding early. */
export const needsNonResponseReview = (flags: readonly Flag[]) =>
  flags.some((flag) => flag.code === "not_on_track" || flag.code === "early_non_response");

/** What the sources suggest when a course is not on track, each suggestion with its sources. */
export function NonResponseSuggestions() {
  return (
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
  );
}
