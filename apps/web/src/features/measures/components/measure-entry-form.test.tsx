import { instrumentDefinitions, ITEM9_CAUTION, PHQ_ATTRIBUTION } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { elements, labelFor, renderHtml, textOf, voidElements } from "../../../test/static-render";
import { emptyValues } from "./measure-entry";
import { MeasureEntryForm, recordLabel, saveLabel } from "./measure-entry-form";

const SESSION_ID = "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10";
const COURSE_ID = "0b8f3c2a-4d5e-4f60-8a7b-1c2d3e4f5a6b";

function renderForm(instrument: "phq9" | "gad7" | "hamd17", answers?: (number | null)[]) {
  return renderHtml(
    <MeasureEntryForm
      instrument={instrument}
      courseId={COURSE_ID}
      sessionId={SESSION_ID}
      initialValues={answers ? { ...emptyValues(instrument), answers } : undefined}
      onSaved={() => undefined}
      onCancel={() => undefined}
    />,
  );
}

/** Each item's group: its legend and its radios with their labels. */
function itemGroups(html: string) {
  return elements(html, "fieldset")
    .filter((fieldset) => fieldset.attrs.class?.includes("measure-item"))
    .map((fieldset) => ({
      legend: elements(fieldset.inner, "legend")[0]?.text,
      radios: voidElements(fieldset.inner, "input").map((input) => ({
        name: input.name,
        checked: "checked" in input,
        label: labelFor(fieldset.inner, input.id ?? ""),
      })),
    }));
}

describe("MeasureEntryForm (PHQ-9)", () => {
  const html = renderForm("phq9");

  it("is a form named by its heading", () => {
    const form = voidElements(html, "form")[0];
    const heading = elements(html, "h3")[0];
    expect(heading?.text).toBe("Record PHQ-9");
    expect(form?.["aria-labelledby"]).toBe(heading?.attrs.id);
  });

  it("shows the stem, then one group per item whose legend is the numbered item text", () => {
    expect(textOf(html)).toContain(instrumentDefinitions.phq9.stem ?? "missing stem");
    const groups = itemGroups(html);
    expect(groups.map((group) => group.legend)).toEqual(
      instrumentDefinitions.phq9.items.map((item) => `${item.number}. ${item.text}`),
    );
  });

  it("gives every item four radios labelled with the score and the answer", () => {
    for (const group of itemGroups(html)) {
      expect(group.radios.map((radio) => radio.label)).toEqual([
        "0 Not at all",
        "1 Several days",
        "2 More than half the days",
        "3 Nearly every day",
      ]);
    }
  });

  it("names each item's radios alike and every item differently, so arrows stay in a row and Tab moves on", () => {
    const groups = itemGroups(html);
    const names = groups.map((group) => new Set(group.radios.map((radio) => radio.name)));
    for (const set of names) expect(set.size).toBe(1);
    expect(new Set(names.map((set) => [...set][0])).size).toBe(9);
    expect([...(names[8] ?? [])]).toEqual(["items.8"]);
  });

  it("keeps the item 9 caution next to item 9, always", () => {
    const item9 = elements(html, "fieldset").find((fieldset) => fieldset.text.startsWith("9."));
    expect(item9?.text).toContain(ITEM9_CAUTION.text);
    const note = elements(item9?.inner ?? "", "p").find((p) => p.text.includes(ITEM9_CAUTION.text));
    expect(item9?.attrs["aria-describedby"]).toContain(note?.attrs.id);
  });

  it("asks the optional difficulty question and shows the attribution", () => {
    const difficulty = elements(html, "fieldset").find((fieldset) =>
      fieldset.text.startsWith(instrumentDefinitions.phq9.difficulty?.text ?? "missing"),
    );
    expect(difficulty?.text).toContain("Optional. Not added to the total.");
    expect(textOf(html)).toContain(PHQ_ATTRIBUTION);
  });

  it("starts with no answer and a status that counts answers rather than guessing a total", () => {
    expect(
      itemGroups(html)
        .flatMap((group) => group.radios)
        .some((radio) => radio.checked),
    ).toBe(false);
    const status = elements(html, "p").find((p) => p.attrs.role === "status");
    expect(status?.text).toBe("0 of 9 answered");
  });

  it("shows the total and band once every item is answered", () => {
    const complete = renderForm("phq9", [2, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(elements(complete, "p").find((p) => p.attrs.role === "status")?.text).toBe(
      "Total 16 of 27 · Moderately severe",
    );
    const partial = renderForm("phq9", [2, 2, 2, 2, 2, 2, 2, 1, null]);
    expect(elements(partial, "p").find((p) => p.attrs.role === "status")?.text).toBe("8 of 9 answered");
  });

  it("saves with the instrument's own button", () => {
    expect(elements(html, "button").map((button) => button.text)).toEqual(["Save PHQ-9 score", "Cancel"]);
  });
});

describe("MeasureEntryForm (GAD-7 and HAM-D-17)", () => {
  it("gives GAD-7 seven items whose lowest answer is exactly “Not at all”", () => {
    const groups = itemGroups(renderForm("gad7"));
    expect(groups).toHaveLength(7);
    expect(groups[0]?.radios[0]?.label).toBe("0 Not at all");
    expect(textOf(renderForm("gad7"))).not.toContain("Not at all sure");
  });

  it("takes the HAM-D-17 as one total field", () => {
    const html = renderForm("hamd17");
    const input = voidElements(html, "input").find((candidate) => candidate.name === "total");
    expect(labelFor(html, input?.id ?? "")).toBe("HAM-D-17 total (0–52)");
    expect(voidElements(html, "input").filter((candidate) => candidate.type === "radio")).toHaveLength(0);
    expect(elements(html, "button")[0]?.text).toBe("Save HAM-D-17 total");
  });

  it("labels the buttons that open each form", () => {
    expect([recordLabel("phq9"), recordLabel("gad7"), recordLabel("hamd17")]).toEqual([
      "Record PHQ-9",
      "Record GAD-7",
      "Record HAM-D-17 total",
    ]);
    expect([saveLabel("phq9"), saveLabel("gad7"), saveLabel("hamd17")]).toEqual([
      "Save PHQ-9 score",
      "Save GAD-7 score",
      "Save HAM-D-17 total",
    ]);
  });
});
