import { fidelityItemKeys, fidelityItems, fidelityPassSources } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { elements, labelFor, renderHtml, textOf, voidElements } from "../../../test/static-render";
import { rating, scores, sessionIdOf, THERAPIST } from "../test-fixtures";
import { FidelityForm, FidelityItemGroup } from "./fidelity-form";
import {
  ratingBody,
  ratingErrorsFromError,
  type FidelityChoice,
  type FidelityValues,
} from "./fidelity-values";

function renderForm(saved: Parameters<typeof FidelityForm>[0]["rating"] = null) {
  return renderHtml(
    <>
      <h2 id="fidelity-heading">Your fidelity rating</h2>
      <FidelityForm sessionId={sessionIdOf(2)} courseId="c1" rating={saved} headingId="fidelity-heading" />
    </>,
  );
}

/** Each item's group: its legend, description and radios with their labels. */
function itemGroups(html: string) {
  return elements(html, "fieldset").map((fieldset) => ({
    attrs: fieldset.attrs,
    legend: elements(fieldset.inner, "legend")[0]?.text,
    text: fieldset.text,
    radios: voidElements(fieldset.inner, "input").map((input) => ({
      name: input.name,
      value: input.value,
      checked: "checked" in input,
      invalid: input["aria-invalid"],
      label: labelFor(fieldset.inner, input.id ?? ""),
    })),
  }));
}

describe("FidelityForm", () => {
  const html = renderForm();

  it("is named by the section heading above it", () => {
    expect(voidElements(html, "form")[0]?.["aria-labelledby"]).toBe("fidelity-heading");
  });

  it("has one group per item, in order, whose legend is the item's text, with its sources", () => {
    const groups = itemGroups(html);
    expect(groups.map((group) => group.legend)).toEqual(fidelityItems.map((item) => item.text));
    for (const [index, item] of fidelityItems.entries()) {
      for (const tag of item.sources) expect(groups[index]?.text).toContain(`[${tag}]`);
    }
  });

  it("offers 1 to 5 and Not applicable on every item, one radio name per item", () => {
    for (const [index, group] of itemGroups(html).entries()) {
      expect(group.radios.map((radio) => radio.label)).toEqual(["1", "2", "3", "4", "5", "Not applicable"]);
      expect(new Set(group.radios.map((radio) => radio.name))).toEqual(
        new Set([`scores.${fidelityItems[index]?.key}`]),
      );
      expect(group.radios.some((radio) => radio.checked)).toBe(false);
    }
  });

  it("explains the scale and the pass mark with its sources, and asks for an optional comment", () => {
    const text = textOf(html);
    expect(text).toContain("1 = not at all … 5 = fully");
    expect(text).toContain("pass mark is an average of 3.0 or more");
    for (const tag of fidelityPassSources) expect(text).toContain(`[${tag}]`);
    const textarea = elements(html, "textarea")[0];
    expect(labelFor(html, textarea?.attrs.id ?? "")).toBe("Comment (optional)");
    expect(elements(html, "button").map((button) => button.text)).toEqual(["Save rating"]);
  });

  it("starts from the rater's saved rating: scores, Not applicable and comment, with its average", () => {
    const saved = rating(THERAPIST, "self", scores(4, { termination_on_time: null, risk_reviewed: 2 }), {
      comment: "Invented: kept to the focus.",
    });
    const prefilled = renderForm(saved);
    const checked = itemGroups(prefilled).map((group) => group.radios.find((radio) => radio.checked)?.label);
    expect(checked).toEqual(
      fidelityItems.map((item) =>
        item.key === "termination_on_time" ? "Not applicable" : item.key === "risk_reviewed" ? "2" : "4",
      ),
    );
    expect(elements(prefilled, "textarea")[0]?.text).toBe("Invented: kept to the focus.");
    expect(textOf(prefilled)).toContain("Average: 3.75, at or above the pass mark of 3.0.");
  });
});

describe("a fidelity item with an error", () => {
  const item = fidelityItems[8]!;
  const html = renderHtml(
    <FidelityItemGroup
      item={item}
      value=""
      error="Choose a rating from 1 to 5, or Not applicable."
      onChoose={() => {}}
    />,
  );

  it("says the error in the group, marks the group invalid as a radiogroup and describes it with the error", () => {
    const [group] = itemGroups(html);
    expect(group?.text).toContain("Error: Choose a rating from 1 to 5, or Not applicable.");
    // ARIA 1.2: a radio has no invalid state; its radiogroup has.
    expect(group?.attrs.role).toBe("radiogroup");
    expect(group?.attrs["aria-invalid"]).toBe("true");
    expect(group?.radios.every((radio) => radio.invalid === undefined)).toBe(true);
    const errorId = elements(html, "p").find((p) => p.text.startsWith("Error:"))?.attrs.id;
    expect(group?.attrs["aria-describedby"]?.split(" ")).toContain(errorId);
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
