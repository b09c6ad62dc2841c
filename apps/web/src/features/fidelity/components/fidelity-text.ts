// Plain words for fidelity ratings: averages against the pass mark, scores, and where the
// therapist's self-rating and a supervisor's rating differ by FIDELITY_DISAGREEMENT or more.
import { fidelityItems, type FidelityItemKey, type FidelityRating, type SessionFidelity } from "@ipt/shared";

// Built on first use, not when the module loads: a page that imports this without showing an average
// skips the ICU set-up of a first Intl formatter (see lib/format.ts).
let averageFormat: Intl.NumberFormat | undefined;

/** 3 → "3.0", 3.45 → "3.45". */
export const formatAverage = (value: number) =>
  (averageFormat ??= new Intl.NumberFormat("en-GB", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  })).format(value);

/** "3.4, at or above the pass mark of 3.0" / "2.5, below the pass mark of 3.0". */
export function averageAgainstPassMark(average: number, passMark: number): string {
  const side = average >= passMark ? "at or above" : "below";
  return `${formatAverage(average)}, ${side} the pass mark of ${formatAverage(passMark)}`;
}

/** An item's score in words: "4", or "Not applicable". */
export const scoreText = (score: number | null) => (score === null ? "Not applicable" : String(score));

const itemText = (key: FidelityItemKey) => fidelityItems.find((item) => item.key === key)?.text ?? key;

export interface Disagreement {
  key: FidelityItemKey;
  text: string;
  self: number;
  supervisor: number;
  /** The supervisor's rating the item differs in. */
  ratingId: string;
  /** "Imported: <reference>" for a supervisor of the instance the course was imported from. */
  supervisorName: string;
}

/** "Self 5 · Supervisor 3". */
export const disagreementScores = (entry: Pick<Disagreement, "self" | "supervisor">) =>
  `Self ${entry.self} · Supervisor ${entry.supervisor}`;

/**
 * The items the API found apart by 2 or more, with both scores, for one session; `only` keeps that
 * supervisor's rating's (a supervisor reviewing sees where their own differs from the therapist's).
 */
export function disagreementsOf(session: SessionFidelity, only?: FidelityRating): Disagreement[] {
  const self = session.selfRating;
  if (!self) return [];
  return session.disagreements
    .filter((entry) => only === undefined || entry.ratingId === only.id)
    .flatMap((entry) => {
      const rating = session.supervisorRatings.find((candidate) => candidate.id === entry.ratingId);
      if (!rating) return [];
      return entry.items.flatMap((key) => {
        const a = self.scores[key];
        const b = rating.scores[key];
        if (a === null || b === null) return [];
        return [
          {
            key,
            text: itemText(key),
            self: a,
            supervisor: b,
            ratingId: rating.id,
            supervisorName: rating.rater.name,
          },
        ];
      });
    });
}

/** The viewer's own rating of a session: the self-rating for the therapist, else the supervisor's own. */
export function ownRating(
  session: SessionFidelity,
  viewerRole: "self" | "supervisor",
  viewerId: string,
): FidelityRating | null {
  if (viewerRole === "self") return session.selfRating;
  return session.supervisorRatings.find((rating) => rating.rater.id === viewerId) ?? null;
}
