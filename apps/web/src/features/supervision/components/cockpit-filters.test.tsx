import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { THERAPIST_A, THERAPIST_B } from "../test-fixtures";
import { CockpitFilters } from "./cockpit-filters";

const noop = () => undefined;

/** Each filter: its label, its options and the one selected. */
function selects() {
  return screen.getAllByRole<HTMLSelectElement>("combobox").map((select) => ({
    label: select.labels[0]?.textContent,
    options: within(select).getAllByRole("option").map(textOf),
    selected: select.selectedOptions[0]?.textContent,
  }));
}

describe("cockpit filters", () => {
  it("labels each filter and offers the supervisees, the active phases and what to show", () => {
    renderWithProviders(
      <CockpitFilters values={{}} therapists={[THERAPIST_A, THERAPIST_B]} onApply={noop} />,
    );
    expect(screen.getByRole("search", { name: "Clients" })).toBeTruthy();
    expect(selects()).toEqual([
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
    // On a phone the filters other than search fold behind this button (CSS); nothing is applied yet.
    expect(screen.getAllByRole("button").map(textOf)).toEqual(["Filters", "Apply filters"]);
    expect(screen.queryByRole("link", { name: "Clear filters" })).toBeNull();
  });

  it("shows the applied filters, keeping a chosen therapist while the supervisees are not known", () => {
    renderWithProviders(
      <CockpitFilters
        values={{ therapistId: THERAPIST_B.id, phase: "termination", flag: "non_response" }}
        therapists={null}
        onApply={noop}
      />,
    );
    expect(selects().map(({ label, selected }) => [label, selected])).toEqual([
      ["Therapist", "The chosen therapist"],
      ["Phase", "Termination"],
      ["Show", "Not responding"],
    ]);
  });

  it("applies the chosen filters, leaving out the ones left at any", async () => {
    const onApply = vi.fn();
    const { user } = renderWithProviders(
      <CockpitFilters values={{}} therapists={[THERAPIST_A, THERAPIST_B]} onApply={onApply} />,
    );
    await user.selectOptions(screen.getByRole("combobox", { name: "Therapist" }), THERAPIST_B.name);
    await user.selectOptions(screen.getByRole("combobox", { name: "Show" }), "Open risk flag");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    expect(onApply).toHaveBeenCalledExactlyOnceWith({ therapistId: THERAPIST_B.id, flag: "risk" });
  });

  it("refuses a filter the API would refuse, saying so next to the field", async () => {
    const onApply = vi.fn();
    const { user } = renderWithProviders(
      // A hand-edited address can carry a therapist id that is not an id.
      <CockpitFilters values={{ therapistId: "not-an-id" }} therapists={null} onApply={onApply} />,
    );
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    const therapist = screen.getByRole("combobox", { name: "Therapist" });
    expectFieldError(therapist, "Must be an id.");
    expect(document.activeElement).toBe(therapist);
    expect(onApply).not.toHaveBeenCalled();
  });
});
