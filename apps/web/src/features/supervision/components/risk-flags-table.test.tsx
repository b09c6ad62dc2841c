import { supervisionRiskFlag, supervisionRiskFlagsResponse } from "@ipt/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { awaitingAcknowledgementText, openFlagsText } from "./open-flags-notice";
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
      escalation: { reasons: [], awaitingAcknowledgement: false, acknowledgedAt: null, acknowledgedBy: null },
    },
  ],
  awaitingAcknowledgement: 0,
});

const SUPERVISOR = {
  id: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e05",
  name: "Sam Supervisor",
  email: "s@example.test",
  external: null,
};
const escalated = supervisionRiskFlag.parse({
  ...items[0],
  followUpRecorded: true,
  escalation: {
    reasons: [{ code: "high_risk", since: "2026-02-02T11:00:00.000Z" }],
    awaitingAcknowledgement: true,
    acknowledgedAt: null,
    acknowledgedBy: null,
  },
});
const acknowledged = supervisionRiskFlag.parse({
  ...escalated,
  escalation: {
    ...escalated.escalation,
    awaitingAcknowledgement: false,
    acknowledgedAt: "2026-02-02T12:00:00.000Z",
    acknowledgedBy: SUPERVISOR,
  },
});
const ACK_ROUTE = `POST /api/supervision/risk-flags/${escalated.riskFlagId}/acknowledgement`;

describe("supervisor's open risk flags", () => {
  it("says plainly when there are none (no empty table)", () => {
    const { container } = renderWithProviders(<RiskFlagsTable flags={[]} />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(textOf(container)).toBe("No open risk flags among your supervisees' clients.");
  });

  it("lists each flag with client, the item 9 answer in words, escalation, therapist, session and a link to its scores", () => {
    renderWithProviders(<RiskFlagsTable flags={items} />);
    const table = screen.getByRole("table", {
      name: "Open risk flags, those awaiting your acknowledgement first",
    });
    const [, row] = within(table).getAllByRole("row");
    const cells = within(row as HTMLElement).getAllByRole("cell");
    // The row header names the client; the lower-priority columns also fold into it (CSS shows
    // them there, or as columns, by the table's width).
    expect(textOf(within(row as HTMLElement).getByRole("rowheader"))).toMatch(
      /^Client C \(invented\) Therapist Therapist T/,
    );
    expect(cells.map(textOf)).toEqual([
      "! Urgent: 2: More than half the days",
      "Not escalated",
      "Therapist T",
      expect.stringMatching(/^Session 3 \d.+2026$/),
      "Not recorded",
      "Scores and risk for Client C (invented)",
    ]);
    expect(row?.querySelector(".badge--flag-red")).not.toBeNull();
    const links = within(row as HTMLElement).getAllByRole("link", {
      name: "Scores and risk for Client C (invented)",
    });
    expect(links.map((link) => link.getAttribute("href"))).toEqual([
      "/courses/7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e02/measures",
      "/courses/7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e02/measures",
    ]);
  });

  it("counts open flags, and those awaiting acknowledgement, for the supervisees page notice", () => {
    expect(openFlagsText(1)).toBe("1 open risk flag among your supervisees' clients.");
    expect(openFlagsText(3)).toBe("3 open risk flags among your supervisees' clients.");
    expect(awaitingAcknowledgementText(1)).toBe("1 risk flag awaits your acknowledgement.");
    expect(awaitingAcknowledgementText(2)).toBe("2 risk flags await your acknowledgement.");
  });

  it("an escalated flag says why and acknowledges with one button, sending no body", async () => {
    const fetch = stubFetch().on(ACK_ROUTE, json(supervisionRiskFlag, acknowledged));
    renderWithProviders(<RiskFlagsTable flags={[escalated]} />);
    expect(screen.getByText("Awaits your acknowledgement")).toBeTruthy();
    expect(screen.getByText("The follow-up judged the risk high.")).toBeTruthy();

    await userEvent.click(
      screen.getByRole("button", { name: "Acknowledge the risk flag of Client C (invented)" }),
    );

    await waitFor(() => expect(fetch.sent(ACK_ROUTE)).toHaveLength(1));
    expect(fetch.sent(ACK_ROUTE)[0]?.body).toBeUndefined();
  });

  it("shows the server's refusal next to the button", async () => {
    stubFetch().on(
      ACK_ROUTE,
      apiError(409, "conflict", "This risk flag has no escalation awaiting acknowledgement."),
    );
    renderWithProviders(<RiskFlagsTable flags={[escalated]} />);
    await userEvent.click(screen.getByRole("button", { name: /^Acknowledge/ }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "This risk flag has no escalation awaiting acknowledgement.",
    );
  });

  it("an acknowledged flag names who acknowledged it and when, with no button", () => {
    renderWithProviders(<RiskFlagsTable flags={[acknowledged]} />);
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.getByText(/^Acknowledged by Sam Supervisor, .*2026/)).toBeTruthy();
  });
});
