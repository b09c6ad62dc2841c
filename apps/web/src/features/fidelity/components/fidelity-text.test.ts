import { describe, expect, it } from "vitest";
import { OTHER_SUPERVISOR, rating, scores, sessionFidelity, SUPERVISOR, THERAPIST } from "../test-fixtures";
import { averageAgainstPassMark, disagreementsOf, formatAverage, ownRating } from "./fidelity-text";

const self = rating(THERAPIST, "self", scores(5));
const mine = rating(SUPERVISOR, "supervisor", scores(3));
const theirs = rating(OTHER_SUPERVISOR, "supervisor", scores(2));
const session = sessionFidelity(2, {
  selfRating: self,
  supervisorRatings: [mine, theirs],
  disagreements: [
    { ratingId: mine.id, items: ["inventory"] },
    { ratingId: theirs.id, items: ["inventory", "formulation"] },
  ],
});

describe("fidelity text", () => {
  it("shows averages with at least one decimal and compares them with the pass mark", () => {
    expect(formatAverage(3)).toBe("3.0");
    expect(formatAverage(3.456)).toBe("3.46");
    expect(averageAgainstPassMark(3, 3)).toBe("3.0, at or above the pass mark of 3.0");
    expect(averageAgainstPassMark(2.99, 3)).toBe("2.99, below the pass mark of 3.0");
  });

  it("keeps one supervisor's disagreements when asked, with both scores", () => {
    expect(disagreementsOf(session, mine)).toEqual([
      {
        key: "inventory",
        text: "The interpersonal inventory was completed.",
        self: 5,
        supervisor: 3,
        ratingId: mine.id,
        supervisorName: SUPERVISOR.name,
      },
    ]);
    expect(disagreementsOf(session).map((entry) => `${entry.supervisorName}: ${entry.key}`)).toEqual([
      `${SUPERVISOR.name}: inventory`,
      `${OTHER_SUPERVISOR.name}: inventory`,
      `${OTHER_SUPERVISOR.name}: formulation`,
    ]);
    expect(disagreementsOf({ ...session, selfRating: null })).toEqual([]);
  });

  it("finds the viewer's own rating: the self-rating for the therapist, their own for a supervisor", () => {
    expect(ownRating(session, "self", THERAPIST.id)).toBe(self);
    expect(ownRating(session, "supervisor", OTHER_SUPERVISOR.id)).toBe(theirs);
    expect(ownRating({ ...session, supervisorRatings: [theirs] }, "supervisor", SUPERVISOR.id)).toBeNull();
  });
});
