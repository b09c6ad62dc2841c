import { describe, expect, it } from "vitest";
import { elements, labelFor, renderHtml } from "../../../test/static-render";
import { THERAPIST_A, THERAPIST_B } from "../test-fixtures";
import { CockpitFilters } from "./cockpit-filters";

const noop = () => undefined;

function selects(html: string) {
  return elements(html, "select").map((select) => {
    const options = elements(select.inner, "option");
    return {
      label: labelFor(html, select.attrs.id ?? ""),
      options: options.map((option) => option.text),
      selected: options.find((option) => "selected" in option.attrs)?.text,
    };
  });
}

describe("cockpit filters", () => {
  it("labels each filter and offers the supervisees, the active phases and what to show", () => {
    const html = renderHtml(
      <CockpitFilters values={{}} therapists={[THERAPIST_A, THERAPIST_B]} onApply={noop} />,
    );
    expect(html).toMatch(/<form[^>]*role="search"[^>]*aria-label="Clients"/);
    expect(selects(html)).toEqual([
      {
        label: "Therapist",
        options: ["All supervisees", THERAPIST_A.name, THERAPIST_B.name],
        selected: "All supervisees",
      },
      {
        label: "Phase",
        options: ["Any phase", "Initial phase", "Middle phase", "Termination"],
        selected: "Any phase",
      },
      {
        label: "Show",
        options: ["All", "Open risk flag", "Not responding", "Overdue items"],
        selected: "All",
      },
    ]);
    expect(elements(html, "button").map((button) => button.text)).toEqual(["Filters", "Apply filters"]);
    // Nothing is applied, so there is nothing to clear.
    expect(elements(html, "a").find((link) => link.text === "Clear filters")).toBeUndefined();
  });

  it("shows the applied filters, keeping a chosen therapist while the supervisees are not known", () => {
    const html = renderHtml(
      <CockpitFilters
        values={{ therapistId: THERAPIST_B.id, phase: "termination", flag: "non_response" }}
        therapists={null}
        onApply={noop}
      />,
    );
    expect(selects(html).map(({ label, selected }) => [label, selected])).toEqual([
      ["Therapist", "The chosen therapist"],
      ["Phase", "Termination"],
      ["Show", "Not responding"],
    ]);
  });
});
