import type { CockpitResponse, TherapistSummariesResponse } from "@ipt/shared";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { paths } from "../../config/paths";
import { cockpitQueryOptions } from "../../features/supervision/api/get-cockpit";
import { therapistSummariesQueryOptions } from "../../features/supervision/api/get-therapist-summaries";
import { supervisionRiskFlagsQueryOptions } from "../../features/supervision/api/list-risk-flags";
import { nonResponseRow, riskRow, summaryOf, THERAPIST_A } from "../../features/supervision/test-fixtures";
import { elements, textOf } from "../../test/static-render";
import { cockpitParamsFromSearch } from "./clinical-loaders";
import { SupervisionCockpitRoute } from "./supervision-cockpit";

/** The page at `url` as its loader leaves it: every query already answered. */
function renderPage(url: string, data: { summaries: TherapistSummariesResponse; cockpit: CockpitResponse }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const params = cockpitParamsFromSearch(new URL(url, "http://localhost").searchParams);
  queryClient.setQueryData(supervisionRiskFlagsQueryOptions().queryKey, { items: [] });
  queryClient.setQueryData(therapistSummariesQueryOptions().queryKey, data.summaries);
  queryClient.setQueryData(cockpitQueryOptions(params).queryKey, data.cockpit);
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <SupervisionCockpitRoute />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const page = (items: CockpitResponse["items"]): CockpitResponse => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 25,
});

describe("supervisor's cockpit page", () => {
  it("shows the supervisees at a glance, then their clients most urgent first", () => {
    const html = renderPage("/supervision", {
      summaries: { items: [summaryOf({})] },
      cockpit: page([riskRow, nonResponseRow]),
    });
    expect(elements(html, "h1").map((h) => h.text)).toEqual(["Supervision"]);
    expect(elements(html, "h2").map((h) => h.text)).toEqual(["Supervisees", "Clients"]);
    expect(elements(html, "caption").map((c) => c.text)).toEqual([
      "Supervisees at a glance",
      "Active clients of your supervisees, most urgent first",
    ]);
    expect(textOf(html)).toContain("Showing 1–2 of 2");
  });

  it("says when no supervisee is assigned, without a clients section", () => {
    const html = renderPage("/supervision", { summaries: { items: [] }, cockpit: page([]) });
    expect(textOf(html)).toContain("No supervisees are assigned to you yet.");
    expect(elements(html, "h2").map((h) => h.text)).toEqual(["Supervisees"]);
    expect(elements(html, "form")).toHaveLength(0);
  });

  it("says when no client matches the filters, and keeps the filters applied", () => {
    const url = paths.supervision.cockpit.getHref({ therapistId: THERAPIST_A.id, flag: "risk" });
    const html = renderPage(url, { summaries: { items: [summaryOf({})] }, cockpit: page([]) });
    expect(textOf(html)).toContain("No active clients match these filters.");
    expect(elements(html, "table")).toHaveLength(1);
    expect(html).toContain('aria-current="true"');
    expect(html).toMatch(/<option value="risk" selected="">Open risk flag<\/option>/);
  });

  it("says when the supervisees have no active clients at all", () => {
    const html = renderPage("/supervision", { summaries: { items: [summaryOf({})] }, cockpit: page([]) });
    expect(textOf(html)).toContain("Your supervisees have no active clients.");
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
