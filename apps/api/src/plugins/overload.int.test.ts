// Load shedding's answer: with a limit so small that any event-loop activity is over it, every
// request but the liveness probe is refused with 503 service_unavailable, Retry-After and the usual
// security headers, before the session lookup. (The real overload is the `overload` resilience
// scenario; this suite checks only the shape, without timing anything.)
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import { OVERLOAD_RETRY_AFTER_SECONDS } from "./overload";

const { app } = await createTestApp({ OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: "0.000001" });

/** Shedding starts a few samples (seconds) after start-up; wait for it without asserting when. */
async function firstShedAnswer() {
  for (let attempt = 0; attempt < 300; attempt++) {
    const response = await app.inject({ method: "GET", url: "/api/health/ready" });
    if (response.statusCode !== 200) return response;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the app never shed load");
}

describe("overload shedding", () => {
  it("answers 503 service_unavailable with Retry-After and the security headers", async () => {
    const shed = await firstShedAnswer();
    const error = expectApiError(shed, 503, "service_unavailable");
    expect(error.message).toMatch(/busy/);
    expect(shed.headers["retry-after"]).toBe(String(OVERLOAD_RETRY_AFTER_SECONDS));
    expect(shed.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(shed.headers["cache-control"]).toBe("no-store");
  });

  it("sheds sign-in and signed-in requests too, but liveness still answers", async () => {
    await firstShedAnswer();
    const signIn = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "someone@example.test", password: "a-password-of-some-length" },
    });
    expectApiError(signIn, 503, "service_unavailable");
    const clients = await app.inject({
      method: "GET",
      url: "/api/clients",
      headers: { cookie: "__Host-ipt_session=some-session-token" },
    });
    expectApiError(clients, 503, "service_unavailable");
    expect(app.isUnderPressure()).toBe(true);
    const live = await app.inject({ method: "GET", url: "/api/health/live" });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: "ok" });
  });
});
