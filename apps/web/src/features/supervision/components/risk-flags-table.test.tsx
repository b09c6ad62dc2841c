import { supervisionRiskFlagsResponse } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { openFlagsText } from "./open-flags-notice";
import { RiskFlagsTable } from "./risk-flags-table";

const { items } = supervisionRiskFlagsResponse.parse({
  items: [
    {
      riskFlagId: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e01",
      raisedAt: "2026-02-02T10:00:00.000Z",
      itemValue: 2,
      sessionNumber: 3,
      followUpRecorded: false,
      courseId: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e02",
      client: { id: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e03", displayName: "Client C (invented)" },
      therapist: { id: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e04", name: "Therapist T", email: "t@example.test" },
    },
  ],
});

describe("supervisor's open risk flags", () => {
  it("says plainly when there are none (no empty table)", () => {
    const { container } = renderWithProviders(<RiskFlagsTable flags={[]} />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(textOf(container)).toBe("No open risk flags among your supervisees' clients.");
  });

  it("lists each flag with client, therapist, session, the item 9 answer in words and a link to its scores", () => {
    renderWithProviders(<RiskFlagsTable flags={items} />);
    const table = screen.getByRole("table", { name: "Open risk flags, oldest first" });
    const [, row] = within(table).getAllByRole("row");
    const cells = within(row as HTMLElement).getAllByRole("cell");
    expect(within(row as HTMLElement).getByRole("rowheader").textContent).toBe("Client C (invented)");
    expect(cells.map(textOf).slice(0, 4)).toEqual([
      "Therapist T",
      expect.stringMatching(/^Session 3 \d.+2026$/),
      "! Urgent: 2: More than half the days",
      "Not recorded",
    ]);
    expect(row?.querySelector(".badge--flag-red")).not.toBeNull();
    expect(
      within(row as HTMLElement)
        .getByRole("link", { name: "Scores and risk for Client C (invented)" })
        .getAttribute("href"),
    ).toBe("/courses/7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e02/measures");
  });

  it("counts open flags for the supervisees page notice", () => {
    expect(openFlagsText(1)).toBe("1 open risk flag among your supervisees' clients.");
    expect(openFlagsText(3)).toBe("3 open risk flags among your supervisees' clients.");
  });
});
