import { instrumentDefinitions, ITEM9_CAUTION, PHQ_ATTRIBUTION, recordMeasureResponse } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, stubFetch } from "../../../test/fetch-stub";
import { descriptionOf, expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { score } from "../test-fixtures";
import { emptyValues } from "./measure-entry";
import { MeasureEntryForm, recordLabel, saveLabel } from "./measure-entry-form";

const SESSION_ID = "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10";
const COURSE_ID = "0b8f3c2a-4d5e-4f60-8a7b-1c2d3e4f5a6b";

function renderForm(
  instrument: "phq9" | "gad7" | "hamd17",
  answers?: (number | null)[],
  onSaved: () => void = () => undefined,
) {
  return renderWithProviders(
    <MeasureEntryForm
      instrument={instrument}
      courseId={COURSE_ID}
      sessionId={SESSION_ID}
      initialValues={answers ? { ...emptyValues(instrument), answers } : undefined}
      onSaved={onSaved}
      onCancel={() => undefined}
    />,
  );
}

/** Each item's radio group (its legend starts with the item's number): its legend and radios. */
function itemGroups() {
  return screen
    .getAllByRole("radiogroup")
    .filter((group) => /^\d+\./.test(textOf(group.querySelector("legend"))))
    .map((group) => ({
      group,
      legend: textOf(group.querySelector("legend")),
      radios: within(group)
        .getAllByRole<HTMLInputElement>("radio")
        .map((radio) => ({ name: radio.name, checked: radio.checked, label: textOf(radio.labels?.[0]) })),
    }));
}

const status = () => textOf(screen.getByRole("status"));

describe("MeasureEntryForm (PHQ-9)", () => {
  it("is a form named by its heading, which has focus", () => {
    renderForm("phq9");
    const heading = screen.getByRole("heading", { level: 3 });
    expect(heading.textContent).toBe("Record PHQ-9");
    expect(screen.getByRole("form", { name: "Record PHQ-9" })).toBeTruthy();
    expect(document.activeElement).toBe(heading);
  });

  it("shows the stem, then one group per item whose legend is the numbered item text", () => {
    const { container } = renderForm("phq9");
    expect(textOf(container)).toContain(instrumentDefinitions.phq9.stem ?? "missing stem");
    const groups = itemGroups();
    expect(groups.map((group) => group.legend)).toEqual(
      instrumentDefinitions.phq9.items.map((item) => `${item.number}. ${item.text}`),
    );
  });

  it("gives every item four radios labelled with the score and the answer", () => {
    renderForm("phq9");
    for (const group of itemGroups()) {
      expect(group.radios.map((radio) => radio.label)).toEqual([
        "0 Not at all",
        "1 Several days",
        "2 More than half the days",
        "3 Nearly every day",
      ]);
    }
  });

  it("names each item's radios alike and every item differently, so arrows stay in a row and Tab moves on", () => {
    renderForm("phq9");
    const groups = itemGroups();
    const names = groups.map((group) => new Set(group.radios.map((radio) => radio.name)));
    for (const set of names) expect(set.size).toBe(1);
    expect(new Set(names.map((set) => [...set][0])).size).toBe(9);
    expect([...(names[8] ?? [])]).toEqual(["items.8"]);
  });

  it("keeps the item 9 caution next to item 9, always", () => {
    renderForm("phq9");
    const item9 = itemGroups()[8]?.group as HTMLElement;
    expect(textOf(item9)).toContain(ITEM9_CAUTION.text);
    expect(descriptionOf(item9)).toContain(ITEM9_CAUTION.text);
  });

  it("asks the optional difficulty question and shows the attribution", () => {
    const { container } = renderForm("phq9");
    const difficulty = screen
      .getAllByRole("group")
      .find((group) =>
        textOf(group.querySelector("legend")).startsWith(
          instrumentDefinitions.phq9.difficulty?.text ?? "missing",
        ),
      );
    expect(textOf(difficulty)).toContain("Optional. Not added to the total.");
    expect(textOf(container)).toContain(PHQ_ATTRIBUTION);
  });

  it("starts with no answer and a status that counts answers rather than guessing a total", () => {
    renderForm("phq9");
    expect(
      itemGroups()
        .flatMap((group) => group.radios)
        .some((radio) => radio.checked),
    ).toBe(false);
    expect(status()).toBe("0 of 9 answered");
  });

  it("shows the total and band once every item is answered", () => {
    const { unmount } = renderForm("phq9", [2, 2, 2, 2, 2, 2, 2, 1, 1]);
    expect(status()).toBe("Total 16 of 27 · Moderately severe");
    unmount();
    renderForm("phq9", [2, 2, 2, 2, 2, 2, 2, 1, null]);
    expect(status()).toBe("8 of 9 answered");
  });

  it("saves with the instrument's own button", () => {
    renderForm("phq9");
    expect(screen.getAllByRole("button").map(textOf)).toEqual(["Save PHQ-9 score", "Cancel"]);
  });
});

describe("MeasureEntryForm (GAD-7 and HAM-D-17)", () => {
  it("gives GAD-7 seven items whose lowest answer is exactly “Not at all”", () => {
    const { container } = renderForm("gad7");
    const groups = itemGroups();
    expect(groups).toHaveLength(7);
    expect(groups[0]?.radios[0]?.label).toBe("0 Not at all");
    expect(textOf(container)).not.toContain("Not at all sure");
  });

  it("takes the HAM-D-17 as one total field", () => {
    renderForm("hamd17");
    const input = screen.getByLabelText<HTMLInputElement>("HAM-D-17 total (0–52)");
    expect(input.name).toBe("total");
    expect(screen.queryAllByRole("radio")).toHaveLength(0);
    expect(textOf(screen.getAllByRole("button")[0])).toBe("Save HAM-D-17 total");
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

describe("recording a score", () => {
  const MEASURES = `/api/courses/${COURSE_ID}/measures`;

  it("names each unanswered item in the summary and in its group, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderForm("phq9");
    const [first] = itemGroups();
    await user.click(within(first?.group as HTMLElement).getByRole("radio", { name: "1 Several days" }));
    await user.click(screen.getByRole("button", { name: "Save PHQ-9 score" }));
    const summary = screen.getByRole("alert");
    expect(within(summary).getAllByRole("button").map(textOf)).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9].map((number) => `Answer item ${number}.`),
    );
    const groups = itemGroups();
    expect(groups[0]?.group.querySelector('[aria-invalid="true"]')).toBeNull();
    expectFieldError(groups[8]?.group as HTMLElement, "Answer item 9.");
    expect(api.requests).toEqual([]);
  });

  it("sends the GAD-7 answers for the session, once, with a key that makes a retry safe", async () => {
    const onSaved = vi.fn();
    const api = stubFetch().on(
      `POST ${MEASURES}`,
      json(recordMeasureResponse, { score: score(1, "gad7", 1, 7), riskFlag: null }, 201),
    );
    const { user } = renderForm("gad7", undefined, onSaved);
    for (const { group } of itemGroups()) {
      await user.click(within(group).getByRole("radio", { name: "1 Several days" }));
    }
    expect(status()).toBe("Total 7 of 21 · Mild");
    await user.click(screen.getByRole("button", { name: "Save GAD-7 score" }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    const [request] = api.sent(`POST ${MEASURES}`);
    expect(request?.body).toMatchObject({
      sessionId: SESSION_ID,
      instrument: "gad7",
      items: [1, 1, 1, 1, 1, 1, 1],
    });
    expect(request?.headers.get("Idempotency-Key")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a HAM-D-17 total out of range at the field, then sends a valid one", async () => {
    const onSaved = vi.fn();
    const api = stubFetch().on(
      `POST ${MEASURES}`,
      json(recordMeasureResponse, { score: score(1, "hamd17", 1, 12), riskFlag: null }, 201),
    );
    const { user } = renderForm("hamd17", undefined, onSaved);
    const total = screen.getByLabelText("HAM-D-17 total (0–52)");
    await user.type(total, "60");
    await user.click(screen.getByRole("button", { name: "Save HAM-D-17 total" }));
    expect(textOf(screen.getByRole("alert"))).toContain("Enter a total from 0 to 52.");
    expectFieldError(total, "Enter a total from 0 to 52.");
    expect(api.requests).toEqual([]);

    await user.clear(total);
    await user.type(total, "12");
    await user.click(screen.getByRole("button", { name: "Save HAM-D-17 total" }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(api.sent(`POST ${MEASURES}`)[0]?.body).toMatchObject({
      sessionId: SESSION_ID,
      instrument: "hamd17",
      total: 12,
    });
  });
});
