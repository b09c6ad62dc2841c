import { fidelityItemKeys, fidelityItems, fidelityPassSources, fidelityRating } from "@ipt/shared";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { descriptionOf, expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { rating, scores, sessionIdOf, THERAPIST } from "../test-fixtures";
import { FidelityForm, FidelityItemGroup } from "./fidelity-form";
import {
  ratingBody,
  ratingErrorsFromError,
  type FidelityChoice,
  type FidelityValues,
} from "./fidelity-values";

const SESSION_ID = sessionIdOf(2);
const FIDELITY = `/api/sessions/${SESSION_ID}/fidelity`;

function renderForm(saved: Parameters<typeof FidelityForm>[0]["rating"] = null) {
  return renderWithProviders(
    <>
      <h2 id="fidelity-heading">Your fidelity rating</h2>
      <FidelityForm sessionId={SESSION_ID} courseId="c1" rating={saved} headingId="fidelity-heading" />
    </>,
  );
}

/** Each item's group: its legend, its text and its radios with their labels. */
function itemGroups() {
  return screen.getAllByRole("radiogroup").map((group) => ({
    group,
    legend: textOf(group.querySelector("legend")),
    text: textOf(group),
    radios: within(group)
      .getAllByRole<HTMLInputElement>("radio")
      .map((radio) => ({
        name: radio.name,
        checked: radio.checked,
        invalid: radio.getAttribute("aria-invalid"),
        label: radio.labels?.[0]?.textContent,
      })),
  }));
}

describe("FidelityForm", () => {
  it("is named by the section heading above it", () => {
    renderForm();
    expect(screen.getByRole("form", { name: "Your fidelity rating" })).toBeTruthy();
  });

  it("has one group per item, in order, whose legend is the item's text, with its sources", () => {
    renderForm();
    const groups = itemGroups();
    expect(groups.map((group) => group.legend)).toEqual(fidelityItems.map((item) => item.text));
    for (const [index, item] of fidelityItems.entries()) {
      expect(screen.getByRole("radiogroup", { name: item.text })).toBe(groups[index]?.group);
      for (const tag of item.sources) expect(groups[index]?.text).toContain(`[${tag}]`);
    }
  });

  it("offers 1 to 5 and Not applicable on every item, one radio name per item", () => {
    renderForm();
    for (const [index, group] of itemGroups().entries()) {
      expect(group.radios.map((radio) => radio.label)).toEqual(["1", "2", "3", "4", "5", "Not applicable"]);
      expect(new Set(group.radios.map((radio) => radio.name))).toEqual(
        new Set([`scores.${fidelityItems[index]?.key}`]),
      );
      expect(group.radios.some((radio) => radio.checked)).toBe(false);
    }
  });

  it("explains the scale and the pass mark with its sources, and asks for an optional comment", () => {
    const { container } = renderForm();
    const text = textOf(container);
    expect(text).toContain("1 = not at all … 5 = fully");
    expect(text).toContain("pass mark is an average of 3.0 or more");
    for (const tag of fidelityPassSources) expect(text).toContain(`[${tag}]`);
    expect(screen.getByRole("textbox", { name: "Comment (optional)" })).toBeTruthy();
    expect(screen.getAllByRole("button").map(textOf)).toEqual(["Save rating"]);
  });

  it("starts from the rater's saved rating: scores, Not applicable and comment, with its average", () => {
    const saved = rating(THERAPIST, "self", scores(4, { termination_on_time: null, risk_reviewed: 2 }), {
      comment: "Invented: kept to the focus.",
    });
    const { container } = renderForm(saved);
    const checked = itemGroups().map((group) => group.radios.find((radio) => radio.checked)?.label);
    expect(checked).toEqual(
      fidelityItems.map((item) =>
        item.key === "termination_on_time" ? "Not applicable" : item.key === "risk_reviewed" ? "2" : "4",
      ),
    );
    expect(screen.getByRole("textbox", { name: "Comment (optional)" })).toHaveProperty(
      "value",
      "Invented: kept to the focus.",
    );
    expect(textOf(container)).toContain("Average: 3.75, at or above the pass mark of 3.0.");
  });

  it("names every item still to rate, in the summary and in each item's group, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderForm();
    const [first, second] = fidelityItems;
    await user.click(
      within(screen.getByRole("radiogroup", { name: first?.text })).getByRole("radio", { name: "3" }),
    );
    await user.click(screen.getByRole("button", { name: "Save rating" }));
    const summary = screen.getByRole("alert");
    expect(within(summary).getAllByRole("button")).toHaveLength(fidelityItems.length - 1);
    expect(
      screen.getByRole("radiogroup", { name: first?.text }).querySelector('[aria-invalid="true"]'),
    ).toBeNull();
    expectFieldError(
      screen.getByRole("radiogroup", { name: second?.text }),
      "Choose a rating from 1 to 5, or Not applicable.",
    );
    expect(api.requests).toEqual([]);
  });

  it("saves every item's score, Not applicable as none, with the comment, and says it is saved", async () => {
    const saved = rating(THERAPIST, "self", scores(4, { termination_on_time: null }), {
      comment: "Invented.",
    });
    const api = stubFetch().on(`PUT ${FIDELITY}`, json(fidelityRating, saved));
    const { user } = renderForm();
    for (const item of fidelityItems) {
      const group = screen.getByRole("radiogroup", { name: item.text });
      const choice = item.key === "termination_on_time" ? "Not applicable" : "4";
      await user.click(within(group).getByRole("radio", { name: choice }));
    }
    await user.type(screen.getByRole("textbox", { name: "Comment (optional)" }), "  Invented.  ");
    await user.click(screen.getByRole("button", { name: "Save rating" }));
    expect(await screen.findByText("Rating saved.")).toBeTruthy();
    expect(api.sent(`PUT ${FIDELITY}`)[0]?.body).toEqual({
      version: 0,
      scores: scores(4, { termination_on_time: null }),
      comment: "Invented.",
    });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("puts the server's item error on its item", async () => {
    stubFetch().on(
      `PUT ${FIDELITY}`,
      apiError(400, "validation_failed", "Check the rating.", [
        { field: "body.scores.risk_reviewed", message: "Rate with a whole number from 1 to 5." },
      ]),
    );
    const { user } = renderForm(rating(THERAPIST, "self", scores(4)));
    await user.click(screen.getByRole("button", { name: "Save rating" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("Check the rating.");
    const risk = fidelityItems.find((item) => item.key === "risk_reviewed");
    expectFieldError(
      screen.getByRole("radiogroup", { name: risk?.text }),
      "Rate with a whole number from 1 to 5.",
    );
  });
});

describe("a fidelity item with an error", () => {
  const item = fidelityItems[8]!;

  it("says the error in the group, marks the group invalid as a radiogroup and describes it with the error", () => {
    render(
      <FidelityItemGroup
        item={item}
        value=""
        error="Choose a rating from 1 to 5, or Not applicable."
        onChoose={() => {}}
      />,
    );
    const [group] = itemGroups();
    expect(group?.text).toContain("Error: Choose a rating from 1 to 5, or Not applicable.");
    // ARIA 1.2: a radio has no invalid state; its radiogroup has.
    expect(group?.group.getAttribute("role")).toBe("radiogroup");
    expect(group?.group.getAttribute("aria-invalid")).toBe("true");
    expect(group?.radios.every((radio) => radio.invalid === null)).toBe(true);
    expect(descriptionOf(group?.group as HTMLElement)).toContain(
      "Error: Choose a rating from 1 to 5, or Not applicable.",
    );
  });
});

describe("fidelity form values", () => {
  const all = (choice: FidelityChoice): FidelityValues => ({
    scores: Object.fromEntries(fidelityItemKeys.map((key) => [key, choice])) as FidelityValues["scores"],
    comment: "  Invented.  ",
  });

  it("names each item still to rate, by the field the API would name", () => {
    const values = all("3");
    values.scores.inventory = "";
    values.scores.risk_reviewed = "";
    const result = ratingBody(values, 0);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors.fields)).toEqual(["scores.inventory", "scores.risk_reviewed"]);
    }
  });

  it("sends numbers, null for Not applicable, the version and the trimmed comment", () => {
    const values = all("3");
    values.scores.termination_on_time = "na";
    const result = ratingBody(values, 2);
    expect(result).toEqual({
      ok: true,
      body: { version: 2, scores: scores(3, { termination_on_time: null }), comment: "Invented." },
    });
  });

  it("puts the API's item errors on their item and keeps the rest for the summary", () => {
    const error = new ApiError({
      status: 400,
      code: "validation_failed",
      message: "Check the rating.",
      fields: [
        { field: "body.scores.risk_reviewed", message: "Rate with a whole number from 1 to 5." },
        { field: "body.scores.made_up", message: "This is not an item of the form." },
      ],
    });
    const errors = ratingErrorsFromError(error);
    expect(errors.fields).toEqual({ "scores.risk_reviewed": "Rate with a whole number from 1 to 5." });
    expect(errors.message).toBe("Check the rating. This is not an item of the form.");
  });

  it("offers a reload when the rating changed elsewhere, and lists a rule that is not met", () => {
    const stale = ratingErrorsFromError(
      new ApiError({ status: 409, code: "conflict", message: "The rating was changed by someone else." }),
    );
    expect(stale.stale).toBe(true);
    const notHeld = ratingErrorsFromError(
      new ApiError({
        status: 422,
        code: "rule_unmet",
        message: "Only a held session can be rated.",
        fields: [{ field: "session_held", message: "The session is marked as held." }],
      }),
    );
    expect(notHeld.missing).toEqual(["The session is marked as held."]);
  });
});
