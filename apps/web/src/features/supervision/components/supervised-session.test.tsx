import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { definitionOf, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { session } from "../test-fixtures";
import { SupervisedSession } from "./supervised-session";

function expectNoControls() {
  expect(screen.queryAllByRole("button")).toEqual([]);
  expect(screen.queryAllByRole("textbox")).toEqual([]);
  expect(screen.queryAllByRole("checkbox")).toEqual([]);
  expect(screen.queryAllByRole("radio")).toEqual([]);
  expect(document.querySelector("form")).toBeNull();
}

describe("SupervisedSession (a supervisor's read-only session record)", () => {
  it("shows the whole signed record and its amendments, with nothing to edit", () => {
    const { container } = renderWithProviders(<SupervisedSession session={session()} />);
    expectNoControls();
    expect(screen.getByText(/^Signed by Tess Marlowe on/)).toBeTruthy();
    const agenda = screen.getAllByRole("listitem").map(textOf);
    expect(agenda).toContainEqual(expect.stringContaining("Done: Review the inventory."));
    expect(agenda).toContainEqual(expect.stringContaining("Not done: Agree the time limit."));
    expect(definitionOf(container, "Techniques used")).toBe("Clarification");
    expect(definitionOf(container, "Interpersonal incident worked on")).toBe(
      "Invented: an argument with a flatmate.",
    );
    expect(definitionOf(container, "Notes")).toBe("Invented: engaged well.");
    expect(definitionOf(container, "Between-session work")).toBe("Invented: call a friend.");
    expect(definitionOf(container, "Focus for next time")).toBe("Invented: the new job.");
    expect(screen.getByRole("heading", { name: "Amendments" })).toBeTruthy();
    expect(screen.getByText("Reason: Invented: wrong date in the notes.")).toBeTruthy();
  });

  it("says when a record is not signed yet, without amendments", () => {
    renderWithProviders(
      <SupervisedSession session={session({ signedAt: null, signedBy: null, amendments: [] })} />,
    );
    expectNoControls();
    expect(screen.getByText(/^Not signed yet/)).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Amendments" })).toBeNull();
  });

  it("shows a cancelled session's reason and planned agenda", () => {
    renderWithProviders(
      <SupervisedSession
        session={session({
          status: "cancelled",
          number: null,
          cancelReason: "Invented: illness.",
          signedAt: null,
          signedBy: null,
          amendments: [],
        })}
      />,
    );
    expectNoControls();
    expect(screen.getByText("This session was cancelled: Invented: illness.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Agenda as planned" })).toBeTruthy();
  });
});
