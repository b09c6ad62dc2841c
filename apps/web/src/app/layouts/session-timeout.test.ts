// When the SPA warns before the server's idle logoff, and when it treats the session as ended.
import { describe, expect, it } from "vitest";
import { sessionTimeoutState } from "./session-timeout";

const MINUTE = 60_000;
const lastAnswer = Date.parse("2026-03-02T09:00:00.000Z");
const session = { idleTimeoutSeconds: 30 * 60, absoluteExpiresAt: "2026-03-02T21:00:00.000Z" };
const at = (minutes: number, s = session) =>
  sessionTimeoutState(s, lastAnswer, lastAnswer + minutes * MINUTE);

describe("the idle logoff warning", () => {
  it("stays away until two minutes before the idle limit, then warns", () => {
    expect(at(0)).toBe("active");
    expect(at(27.9)).toBe("active");
    expect(at(28)).toBe("warn");
    expect(at(29.9)).toBe("warn");
  });

  it("treats the session as ended just after the idle limit (allowing a few seconds of clock drift)", () => {
    expect(at(30)).toBe("warn");
    expect(at(30.1)).toBe("ended");
  });

  it("does not offer to stay signed in when the absolute end comes first, and ends there", () => {
    const endingSoon = { ...session, absoluteExpiresAt: "2026-03-02T09:20:00.000Z" };
    expect(at(18.5, endingSoon)).toBe("active");
    expect(at(20, endingSoon)).toBe("ended");
  });
});
