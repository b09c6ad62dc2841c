import { FIDELITY_DISAGREEMENT, FIDELITY_PASS_MARK, fidelityItems, type FidelityRating } from "@ipt/shared";
import type { ReactNode } from "react";
import { SummaryRow } from "../../../components/summary-row";
import { formatDateTime } from "../../../lib/format";
import { averageAgainstPassMark, disagreementScores, scoreText, type Disagreement } from "./fidelity-text";
import "./fidelity.css";

/** Someone else's rating of a session, to read: each item's score, the average and the comment. */
export function FidelityRatingView({ rating }: { rating: FidelityRating }) {
  return (
    <div className="stack">
      <p>
        By {rating.rater.name}, saved{" "}
        <time dateTime={rating.updatedAt}>{formatDateTime(rating.updatedAt)}</time>. Average:{" "}
        {rating.average === null ? "none" : averageAgainstPassMark(rating.average, FIDELITY_PASS_MARK)}.
      </p>
      <dl className="summary fidelity-scores">
        {fidelityItems.map((item) => (
          <SummaryRow key={item.key} term={item.text}>
            {scoreText(rating.scores[item.key])}
          </SummaryRow>
        ))}
        <SummaryRow term="Comment">
          {rating.comment.trim() ? (
            <span className="prewrap">{rating.comment}</span>
          ) : (
            <span className="muted">No comment</span>
          )}
        </SummaryRow>
      </dl>
    </div>
  );
}

/**
 * The items where the self-rating and a supervisor's rating are FIDELITY_DISAGREEMENT or more apart,
 * each as "Self 5 · Supervisor 3"; `withNames` adds the supervisor when several have rated.
 */
export function DisagreementList({
  disagreements,
  withNames = false,
  empty = <p className="muted">No item differs by {FIDELITY_DISAGREEMENT} or more.</p>,
}: {
  disagreements: readonly Disagreement[];
  withNames?: boolean;
  /** Shown when the ratings agree (or one is missing). */
  empty?: ReactNode;
}) {
  if (disagreements.length === 0) return empty;
  return (
    <ul className="disagreement-list">
      {disagreements.map((entry) => (
        <li key={`${entry.ratingId}-${entry.key}`}>
          {entry.text} <strong className="disagreement-list__scores">{disagreementScores(entry)}</strong>
          {withNames ? ` (${entry.supervisorName})` : ""}
        </li>
      ))}
    </ul>
  );
}
