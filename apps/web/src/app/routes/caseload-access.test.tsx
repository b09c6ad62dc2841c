import { caseloadAccessResponse, type CaseloadAccessResponse } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { attentionQueryOptions } from "../../features/attention/api/get-attention";
import { apiError, json, noContent, stubFetch } from "../../test/fetch-stub";
import { testId } from "../../test/fixtures";
import { textOf } from "../../test/queries";
import { createTestQueryClient, renderWithProviders } from "../../test/render";
import { CaseloadAccessRoute } from "./caseload-access";

const ACCESS = "GET /api/me/caseload-access";
const SEEN = "POST /api/me/caseload-access/seen";

const SAM = { id: testId(11), name: "Sam Okafor", email: "sam.okafor@example.test" };
const RINA = { id: testId(12), name: "Rina Alvarez", email: "rina.alvarez@example.test" };
const ADA = { id: testId(13), name: "Ada Admin", email: "ada@example.test" };

const access: CaseloadAccessResponse = {
  readers: [{ supervisor: SAM, since: "2026-11-02T09:15:00.000Z", grantedBy: ADA }],
  changes: [
    {
      id: testId(21),
      change: "revoked",
      supervisor: RINA,
      changedAt: "2026-11-05T14:30:00.000Z",
      changedBy: ADA,
      seen: false,
    },
    {
      id: testId(22),
      change: "granted",
      supervisor: RINA,
      changedAt: "2026-11-04T10:00:00.000Z",
      changedBy: null,
      seen: false,
    },
    {
      id: testId(23),
      change: "granted",
      supervisor: SAM,
      changedAt: "2026-11-02T09:15:00.000Z",
      changedBy: ADA,
      seen: true,
    },
  ],
};

const allSeen: CaseloadAccessResponse = {
  ...access,
  changes: access.changes.map((change) => ({ ...change, seen: true })),
};

function renderPage() {
  const queryClient = createTestQueryClient();
  return renderWithProviders(<CaseloadAccessRoute />, { route: "/account/caseload-access", queryClient });
}

const section = (name: string) => screen.getByRole("region", { name });
const entries = (name: string) =>
  within(section(name))
    .getAllByRole("listitem")
    .map((item) => textOf(item));

describe("who can read your caseload (the therapist's page)", () => {
  it("lists each supervisor who can read the caseload, since when and assigned by whom, then every change newest first", async () => {
    stubFetch().on(ACCESS, json(caseloadAccessResponse, access));
    renderPage();
    expect(screen.getByRole("status").textContent).toContain("Loading who can read your caseload…");

    expect(await screen.findByRole("region", { name: "Who can read your caseload now" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Who can read your caseload");
    expect(entries("Who can read your caseload now")).toEqual([
      "Sam Okafor sam.okafor@example.test Supervisor since 2 Nov 2026 , assigned by Ada Admin.",
    ]);
    const changes = entries("Changes, newest first");
    expect(changes).toHaveLength(3);
    expect(changes[0]).toMatch(
      /^Access removed New Rina Alvarez can no longer read your caseload, as your supervisor\. 5 Nov 2026, \d\d:\d\d , by Ada Admin\.$/,
    );
    expect(changes[1]).toMatch(/^Access granted New Rina Alvarez can now read your caseload/);
    expect(changes[1]).toContain("(who made it was not recorded)");
    expect(changes[2]).toMatch(/^Access granted Sam Okafor can now read your caseload/);
    expect(changes[2]).not.toContain("New");
    expect(screen.getByText(/2 changes to who can read your caseload are new to you\./)).toBeTruthy();
    const since = within(section("Who can read your caseload now")).getByText("2 Nov 2026");
    expect(since.getAttribute("datetime")).toBe("2026-11-02T09:15:00.000Z");
  });

  it("marks the new changes as seen, refreshes the attention list and says so where the button was", async () => {
    const api = stubFetch().on(ACCESS, json(caseloadAccessResponse, access)).on(SEEN, noContent);
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(attentionQueryOptions().queryKey, { items: [], caseloadAccessChanges: 2 });
    const { user } = renderWithProviders(<CaseloadAccessRoute />, {
      route: "/account/caseload-access",
      queryClient,
    });

    const button = await screen.findByRole("button", { name: "Mark as seen" });
    api.on(ACCESS, json(caseloadAccessResponse, allSeen));
    await user.click(button);

    const done = await screen.findByText("The changes are marked as seen.");
    expect(api.sent(SEEN)).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Mark as seen" })).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(done));
    expect(entries("Changes, newest first").some((entry) => entry.includes("New"))).toBe(false);
    // The navigation's count is read again from the server the next time it is shown.
    expect(queryClient.getQueryState(attentionQueryOptions().queryKey)?.isInvalidated).toBe(true);
  });

  it("shows the server's refusal to mark the changes as seen, and keeps the button", async () => {
    stubFetch()
      .on(ACCESS, json(caseloadAccessResponse, access))
      .on(SEEN, apiError(503, "service_unavailable", "The service is busy. Try again in a moment."));
    const { user } = renderPage();
    await user.click(await screen.findByRole("button", { name: "Mark as seen" }));
    expect((await screen.findByRole("alert")).textContent).toContain("The service is busy.");
    expect(screen.getByRole("button", { name: "Mark as seen" })).toBeTruthy();
  });

  it("says when nobody else can read the caseload and nothing has changed, with nothing to mark", async () => {
    stubFetch().on(ACCESS, json(caseloadAccessResponse, { readers: [], changes: [] }));
    renderPage();
    expect(textOf(await screen.findByRole("region", { name: "Who can read your caseload now" }))).toBe(
      "Who can read your caseload now Only you can read your caseload. No supervisor is assigned to you.",
    );
    expect(textOf(section("Changes, newest first"))).toBe("Changes, newest first No changes yet.");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("says when the list could not be loaded, and loads it again on request", async () => {
    const api = stubFetch().on(
      ACCESS,
      apiError(503, "service_unavailable", "The service is busy. Try again in a moment."),
    );
    const { user } = renderPage();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Who can read your caseload could not be loaded.");
    api.on(ACCESS, json(caseloadAccessResponse, access));
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("region", { name: "Who can read your caseload now" })).toBeTruthy();
  });
});
