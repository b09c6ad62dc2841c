import type { CockpitResponse, TherapistSummariesResponse } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { paths } from "../../config/paths";
import { cockpitQueryOptions } from "../../features/supervision/api/get-cockpit";
import { therapistSummariesQueryOptions } from "../../features/supervision/api/get-therapist-summaries";
import { supervisionRiskFlagsQueryOptions } from "../../features/supervision/api/list-risk-flags";
import { nonResponseRow, riskRow, summaryOf, THERAPIST_A } from "../../features/supervision/test-fixtures";
import { createTestQueryClient, renderWithProviders } from "../../test/render";
import { cockpitParamsFromSearch } from "./clinical-loaders";
import { SupervisionCockpitRoute } from "./supervision-cockpit";

/** The page at `url` as its loader leaves it: every query already answered. */
function renderPage(url: string, data: { summaries: TherapistSummariesResponse; cockpit: CockpitResponse }) {
  const queryClient = createTestQueryClient();
  const params = cockpitParamsFromSearch(new URL(url, "http://localhost").searchParams);
  queryClient.setQueryData(supervisionRiskFlagsQueryOptions().queryKey, {
    items: [],
    awaitingAcknowledgement: 0,
  });
  queryClient.setQueryData(therapistSummariesQueryOptions().queryKey, data.summaries);
  queryClient.setQueryData(cockpitQueryOptions(params).queryKey, data.cockpit);
  return renderWithProviders(<SupervisionCockpitRoute />, { route: url, queryClient });
}

const page = (items: CockpitResponse["items"]): CockpitResponse => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 25,
  riskFlagsAwaitingAcknowledgement: 0,
});

const headings = (level: number) =>
  screen.queryAllByRole("heading", { level }).map((heading) => heading.textContent);

describe("supervisor's cockpit page", () => {
  it("shows the supervisees at a glance, then their clients most urgent first", () => {
    renderPage("/supervision", {
      summaries: { items: [summaryOf({})] },
      cockpit: page([riskRow, nonResponseRow]),
    });
    expect(headings(1)).toEqual(["Supervision"]);
    expect(headings(2)).toEqual(["Supervisees", "Clients"]);
    expect(screen.getAllByRole("table").map((table) => table.querySelector("caption")?.textContent)).toEqual([
      "Supervisees at a glance",
      "Active clients of your supervisees, most urgent first",
    ]);
    expect(screen.getByText("Showing 1–2 of 2")).toBeTruthy();
  });

  it("says when no supervisee is assigned, without a clients section", () => {
    renderPage("/supervision", { summaries: { items: [] }, cockpit: page([]) });
    expect(screen.getByText("No supervisees are assigned to you yet.")).toBeTruthy();
    expect(headings(2)).toEqual(["Supervisees"]);
    expect(screen.queryByRole("search")).toBeNull();
  });

  it("says when no client matches the filters, and keeps the filters applied", () => {
    const url = paths.supervision.cockpit.getHref({ therapistId: THERAPIST_A.id, flag: "risk" });
    renderPage(url, { summaries: { items: [summaryOf({})] }, cockpit: page([]) });
    expect(screen.getByText("No active clients match these filters.")).toBeTruthy();
    const table = screen.getByRole("table");
    expect(within(table).getByRole("link", { current: true }).textContent).toBe(THERAPIST_A.name);
    const show = screen.getByRole<HTMLSelectElement>("combobox", { name: "Show" });
    expect(show.selectedOptions[0]?.textContent).toBe("Open risk flag");
    expect(show.value).toBe("risk");
  });

  it("says when the supervisees have no active clients at all", () => {
    renderPage("/supervision", { summaries: { items: [summaryOf({})] }, cockpit: page([]) });
    expect(screen.getByText("Your supervisees have no active clients.")).toBeTruthy();
  });

  it("keeps the filters in the address, without page 1 or empty values", () => {
    expect(paths.supervision.cockpit.getHref()).toBe("/supervision");
    expect(
      paths.supervision.cockpit.getHref({ therapistId: "t1", phase: undefined, flag: "overdue", page: 1 }),
    ).toBe("/supervision?therapistId=t1&flag=overdue");
    expect(paths.supervision.cockpit.getHref({ phase: "middle", page: 3 })).toBe(
      "/supervision?phase=middle&page=3",
    );
    // A hand-edited address falls back to the defaults rather than breaking the page.
    expect(cockpitParamsFromSearch(new URLSearchParams("flag=everything&page=2&therapistId=nope"))).toEqual({
      page: 2,
      pageSize: 25,
    });
  });
});
