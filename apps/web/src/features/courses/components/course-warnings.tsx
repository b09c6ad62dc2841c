import type { Warning } from "@ipt/shared";
import { SourceTags } from "../../../components/clinical/source-tags";

/**
 * Points the therapist should check about the chosen problem area. Kept in a live region so the
 * points are announced when a save brings new ones.
 */
export function CourseWarnings({ warnings }: { warnings: readonly Warning[] }) {
  return (
    <div role="status" className="live-status">
      {warnings.length > 0 ? (
        <div className="notice notice--important">
          <p className="notice__title">Points to check</p>
          <ul className="notice__list">
            {warnings.map((warning) => (
              <li key={warning.code}>
                {warning.message} <SourceTags tags={warning.sources} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
