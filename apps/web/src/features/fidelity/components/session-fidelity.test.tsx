import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf, voidElements } from "../../../test/static-render";
import {
  fidelityOf,
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
    { supervisorId: SUPERVISOR.id, items: ["inventory"] },
    { supervisorId: OTHER_SUPERVISOR.id, items: ["inventory", "risk_reviewed"] },
  ],
});

function render(viewerRole: "self" | "supervisor", viewerId: string, session = entry) {
  return renderHtml(
    <SessionFidelityContent
      fidelity={fidelityOf([session], { viewerRole })}
      sessionId={sessionIdOf(2)}
      viewerId={viewerId}
      headingId="fidelity-heading"
    />,
  );
}

/** The other side's ratings, beside the form (the last part of the content). */
function asideOf(html: string) {
  const inner = html.slice(html.indexOf('class="fidelity-aside"'));
  return { inner, text: textOf(inner) };
}

/** The score checked on each item of the form, in order. */
const checkedScores = (html: string) =>
  voidElements(html, "input")
    .filter((input) => "checked" in input)
    .map((input) => input.value);

describe("a session's fidelity ratings", () => {
  it("gives a supervisor their own rating to change, beside the therapist's self-rating and the differences", () => {
    const html = render("supervisor", SUPERVISOR.id);
    expect(checkedScores(html)).toEqual(["3", "3", "3", "3", "3", "3", "3", "3", "4"]);
    const aside = asideOf(html);
    expect(elements(aside.inner, "h3").map((h3) => h3.text)).toEqual([
      "Therapist’s self-rating",
      "Items rated 2 or more apart",
    ]);
    expect(aside.text).toContain("Invented: my view.");
    // Only this supervisor's differences: not the other supervisor's on risk.
    expect(elements(aside.inner, "li").map((li) => li.text)).toEqual([
      "The interpersonal inventory was completed. Self 5 · Supervisor 3",
    ]);
    // The self-rating is read, not edited: the only fields are the supervisor's own form.
    expect(elements(html, "form")).toHaveLength(1);
  });

  it("starts a supervisor who has not rated from an empty form", () => {
    const html = render("supervisor", uuidOfNobody);
    expect(checkedScores(html)).toEqual([]);
  });

  it("gives the therapist their self-rating to change and each supervisor's rating to read", () => {
    const html = render("self", THERAPIST.id);
    expect(checkedScores(html)).toEqual(["5", "5", "5", "5", "5", "5", "5", "5", "4"]);
    const aside = asideOf(html);
    expect(elements(aside.inner, "h3").map((h3) => h3.text)).toEqual([
      `Supervisor’s rating: ${SUPERVISOR.name}`,
      `Supervisor’s rating: ${OTHER_SUPERVISOR.name}`,
    ]);
    expect(aside.text).toContain("Risk was reviewed. Self 4 · Supervisor 1");
  });

  it("offers no form for a session that was not held", () => {
    const html = render("self", THERAPIST.id, sessionFidelity(2, { status: "no_show" }));
    expect(elements(html, "form")).toEqual([]);
    expect(textOf(html)).toBe("Only a held session can be rated.");
  });
});

const uuidOfNobody = "00000000-0000-4000-8000-000000000999";
