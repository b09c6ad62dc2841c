// Filtering a list page: the filters go into the address, and the page asks the API for exactly
// those filters. Each page's filter form is the one its route renders.
import { caseloadResponse, listAuditEventsResponse, listUsersResponse } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, stubFetch } from "../../test/fetch-stub";
import { testId } from "../../test/fixtures";
import { expectFieldError } from "../../test/queries";
import { renderWithProviders } from "../../test/render";
import { AccountsRoute } from "./admin/accounts";
import { AuditRoute } from "./admin/audit";
import { CaseloadRoute } from "./caseload";

const emptyPage = (pageSize = 25) => ({ items: [], total: 0, page: 1, pageSize });
/** The query of the last request to `route`, as a plain object. */
const lastQuery = (requests: { query: URLSearchParams }[]) =>
  Object.fromEntries(requests.at(-1)?.query ?? new URLSearchParams());

describe("filtering the caseload", () => {
  it("puts the search and filters in the address and asks the API for them", async () => {
    const api = stubFetch().on("GET /api/clients", json(caseloadResponse, emptyPage()));
    const { user, router } = renderWithProviders(<CaseloadRoute />, { route: "/caseload?status=active" });
    await screen.findByText("No clients match these filters.");
    await user.type(screen.getByRole("searchbox", { name: "Search by name or code" }), " R-7 ");
    await user.selectOptions(screen.getByRole("combobox", { name: "Phase" }), "Middle phase");
    await user.selectOptions(screen.getByRole("combobox", { name: "Flags" }), "Flagged only");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    await vi.waitFor(() => expect(api.sent("GET /api/clients")).toHaveLength(2));
    expect(router.state.location.search).toBe("?q=R-7&status=active&phase=middle&flagged=true");
    expect(lastQuery(api.sent("GET /api/clients"))).toEqual({
      q: "R-7",
      status: "active",
      phase: "middle",
      flagged: "true",
      page: "1",
      pageSize: "25",
    });
  });
});

describe("filtering the accounts", () => {
  it("asks the API for the role and status chosen", async () => {
    const api = stubFetch().on("GET /api/admin/users", json(listUsersResponse, emptyPage()));
    const { user, router } = renderWithProviders(<AccountsRoute />, { route: "/admin/accounts" });
    await screen.findByText("There are no accounts yet.");
    const filters = within(screen.getByRole("search", { name: "Accounts" }));
    await user.type(filters.getByRole("searchbox", { name: "Search by name or email" }), "tess");
    await user.selectOptions(filters.getByRole("combobox", { name: "Role" }), "Supervisor");
    await user.selectOptions(filters.getByRole("combobox", { name: "Status" }), "Deactivated");
    await user.click(filters.getByRole("button", { name: "Apply filters" }));
    await vi.waitFor(() => expect(api.sent("GET /api/admin/users")).toHaveLength(2));
    expect(router.state.location.search).toBe("?q=tess&role=supervisor&active=false");
    expect(lastQuery(api.sent("GET /api/admin/users"))).toMatchObject({
      q: "tess",
      role: "supervisor",
      active: "false",
    });
  });
});

describe("filtering the audit log", () => {
  const actor = { id: testId(7), name: "Sam Okafor", email: "sam@example.org" };
  const accounts = json(listUsersResponse, {
    items: [
      {
        ...actor,
        role: "supervisor",
        active: true,
        mustChangePassword: false,
        signInSlowedUntil: null,
        secondFactor: false,
        createdAt: "2026-01-05T09:00:00.000Z",
        supervisors: [],
        supervisees: [],
      },
    ],
    total: 1,
    page: 1,
    pageSize: 100,
  });

  it("refuses an end date before the start date, at the field, without asking the API again", async () => {
    const api = stubFetch()
      .on("GET /api/admin/audit-events", json(listAuditEventsResponse, emptyPage(50)))
      .on("GET /api/admin/users", accounts);
    const { user, router } = renderWithProviders(<AuditRoute />, { route: "/admin/audit" });
    await screen.findByText("No audit events yet.");
    await user.type(screen.getByLabelText("From date"), "2026-09-10");
    await user.type(screen.getByLabelText("To date"), "2026-09-01");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    expectFieldError(screen.getByLabelText("To date"), "The end date must be on or after the start date.");
    expect(router.state.location.search).toBe("");
    expect(api.sent("GET /api/admin/audit-events")).toHaveLength(1);
  });

  it("asks the API for the actor, action and dates chosen", async () => {
    const api = stubFetch()
      .on("GET /api/admin/audit-events", json(listAuditEventsResponse, emptyPage(50)))
      .on("GET /api/admin/users", accounts);
    const { user } = renderWithProviders(<AuditRoute />, { route: "/admin/audit" });
    await screen.findByRole("option", { name: `${actor.name} (${actor.email})` });
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Actor" }),
      `${actor.name} (${actor.email})`,
    );
    await user.selectOptions(screen.getByRole("combobox", { name: "Action" }), "Signed in");
    await user.type(screen.getByLabelText("From date"), "2026-09-01");
    await user.click(screen.getByRole("button", { name: "Apply filters" }));
    await vi.waitFor(() => expect(api.sent("GET /api/admin/audit-events")).toHaveLength(2));
    expect(lastQuery(api.sent("GET /api/admin/audit-events"))).toMatchObject({
      actorId: actor.id,
      action: "auth.login",
      from: "2026-09-01",
    });
  });
});
