import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import {
  fidelityOf,
  IMPORTED_SUPERVISOR,
  OTHER_SUPERVISOR,
  rating,
  scores,
  sessionFidelity,
  sessionIdOf,
  SUPERVISOR,
  THERAPIST,
} from "../test-fixtures";
import { SessionFidelityContent } from "./session-fidelity";

const self = rating(THERAPIST, "self", scores(5, { risk_reviewed: 4 }), { comment: "Invented: my view." });
const mine = rating(SUPERVISOR, "supervisor", scores(3, { risk_reviewed: 4 }));
const theirs = rating(OTHER_SUPERVISOR, "supervisor", scores(1));
const entry = sessionFidelity(2, {
  selfRating: self,
  supervisorRatings: [mine, theirs],
  disagreements: [
    { ratingId: mine.id, items: ["inventory"] },
    { ratingId: theirs.id, items: ["inventory", "risk_reviewed"] },
  ],
});

function renderContent(viewerRole: "self" | "supervisor", viewerId: string, session = entry) {
  return renderWithProviders(
    <>
      <h2 id="fidelity-heading">Fidelity</h2>
      <SessionFidelityContent
        fidelity={fidelityOf([session], { viewerRole })}
        sessionId={sessionIdOf(2)}
        viewerId={viewerId}
        headingId="fidelity-heading"
      />
    </>,
  );
}

/** The score checked on each item of the form, in order. */
const checkedScores = () =>
  screen
    .queryAllByRole<HTMLInputElement>("radio")
    .filter((radio) => radio.checked)
    .map((radio) => radio.value);

/** The other side's ratings, beside the form, are the only parts with h3 headings. */
const asideHeadings = () =>
  screen.getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent);

describe("a session's fidelity ratings", () => {
  it("gives a supervisor their own rating to change, beside the therapist's self-rating and the differences", () => {
    renderContent("supervisor", SUPERVISOR.id);
    expect(checkedScores()).toEqual(["3", "3", "3", "3", "3", "3", "3", "3", "4"]);
    expect(asideHeadings()).toEqual(["Therapist’s self-rating", "Items rated 2 or more apart"]);
    expect(screen.getByText("Invented: my view.")).toBeTruthy();
    // Only this supervisor's differences: not the other supervisor's on risk.
    expect(screen.getAllByRole("listitem").map(textOf)).toEqual([
      "The interpersonal inventory was completed. Self 5 · Supervisor 3",
    ]);
    // The self-rating is read, not edited: the only fields are the supervisor's own form.
    expect(screen.getAllByRole("form")).toHaveLength(1);
    expect(screen.getByRole("form", { name: "Fidelity" })).toBeTruthy();
  });

  it("starts a supervisor who has not rated from an empty form", () => {
    renderContent("supervisor", uuidOfNobody);
    expect(screen.getAllByRole("radio").length).toBeGreaterThan(0);
    expect(checkedScores()).toEqual([]);
  });

  it("gives the therapist their self-rating to change and each supervisor's rating to read", () => {
    renderContent("self", THERAPIST.id);
    expect(checkedScores()).toEqual(["5", "5", "5", "5", "5", "5", "5", "5", "4"]);
    expect(asideHeadings()).toEqual([
      `Supervisor’s rating: ${SUPERVISOR.name}`,
      `Supervisor’s rating: ${OTHER_SUPERVISOR.name}`,
    ]);
    expect(screen.getAllByRole("listitem").map(textOf)).toContain("Risk was reviewed. Self 4 · Supervisor 1");
  });

  it("shows the therapist a supervisor's rating imported with the course, by its reference, with the differences", () => {
    const imported = rating(IMPORTED_SUPERVISOR, "supervisor", scores(2));
    renderContent(
      "self",
      THERAPIST.id,
      sessionFidelity(2, {
        selfRating: self,
        supervisorRatings: [imported],
        disagreements: [{ ratingId: imported.id, items: ["inventory"] }],
      }),
    );
    expect(asideHeadings()).toEqual([
      `Supervisor’s rating: Imported: ${String(IMPORTED_SUPERVISOR.external)}`,
    ]);
    expect(screen.getAllByRole("listitem").map(textOf)).toEqual([
      "The interpersonal inventory was completed. Self 5 · Supervisor 2",
    ]);
  });

  it("offers no form for a session that was not held", () => {
    const { container } = renderContent("self", THERAPIST.id, sessionFidelity(2, { status: "no_show" }));
    expect(screen.queryByRole("form")).toBeNull();
    expect(textOf(container)).toBe("Fidelity Only a held session can be rated.");
  });
});

const uuidOfNobody = "00000000-0000-4000-8000-000000000999";
