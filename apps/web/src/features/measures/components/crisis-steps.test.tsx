import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { renderWithProviders } from "../../../test/render";
import { crisisStepsResponse } from "@ipt/shared";
import { CrisisSteps } from "./crisis-steps";

const ROUTE = "GET /api/safety/crisis-steps";

describe("the crisis steps on a red flag", () => {
  it("reads the service's text only when opened, one click away", async () => {
    const api = stubFetch().on(
      ROUTE,
      json(crisisStepsResponse, { crisisSteps: "Call 999 (invented).\nOur duty line: 0100 000 000." }),
    );
    const { user } = renderWithProviders(<CrisisSteps />);
    expect(api.sent(ROUTE)).toHaveLength(0);
    await user.click(screen.getByText("Crisis steps"));
    expect(await screen.findByText("Call 999 (invented).")).toBeTruthy();
    expect(screen.getByText("Our duty line: 0100 000 000.")).toBeTruthy();
    expect(api.sent(ROUTE)).toHaveLength(1);
  });

  it("says to follow the service's emergency procedure when the text cannot be read", async () => {
    stubFetch().on(ROUTE, apiError(503, "service_unavailable", "Try again shortly."));
    const { user } = renderWithProviders(<CrisisSteps />);
    await user.click(screen.getByText("Crisis steps"));
    expect((await screen.findByRole("alert")).textContent).toMatch(/emergency procedure/);
  });

  it("names the client in a list, for a screen reader", async () => {
    stubFetch().on(ROUTE, json(crisisStepsResponse, { crisisSteps: "Call 999 (invented)." }));
    const { user } = renderWithProviders(<CrisisSteps subject="Client A (invented)" />);
    const summary = screen.getByText((_, element) => element?.tagName === "SUMMARY");
    expect(summary.textContent).toBe("Crisis steps for Client A (invented)");
    expect(summary.querySelector(".visually-hidden")?.textContent).toBe(" for Client A (invented)");
    await user.click(summary);
    expect(await screen.findByText("Call 999 (invented).")).toBeTruthy();
  });
});
