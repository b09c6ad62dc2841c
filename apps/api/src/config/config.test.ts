import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("configuration", () => {
  it("starts with documented defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.SESSION_IDLE_TIMEOUT_MINUTES).toBe(30);
    expect(config.SESSION_ABSOLUTE_TIMEOUT_HOURS).toBe(12);
    expect(config.LOGIN_THROTTLE_ACCOUNT_FREE_FAILURES).toBe(5);
    expect(config.LOGIN_THROTTLE_MAX_MINUTES).toBe(15);
    expect(config.API_DOCS_PUBLIC).toBeUndefined();
    expect(config.PUBLIC_ORIGIN).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
  });

  it("takes an smtp(s) URL for e-mail, and needs PUBLIC_ORIGIN with it (links in a message are absolute)", () => {
    expect(() => loadConfig({ SMTP_URL: "https://mail.example.org" })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: "smtp://mail.example.org:587" })).toThrow(/PUBLIC_ORIGIN/);
    const config = loadConfig({
      SMTP_URL: "smtps://user:secret@mail.example.org:465",
      PUBLIC_ORIGIN: "https://ipt.example.org",
    });
    expect(config.SMTP_URL).toBe("smtps://user:secret@mail.example.org:465");
    expect(config.MAIL_FROM).toMatch(/no-reply/);
  });

  it("names every invalid variable at once", () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: "http",
        DATABASE_URL: "mysql://x",
        SESSION_IDLE_TIMEOUT_MINUTES: "0",
        TRUST_PROXY: "maybe",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["PORT", "DATABASE_URL", "SESSION_IDLE_TIMEOUT_MINUTES", "TRUST_PROXY"]) {
      expect(problems).toContain(name);
    }
  });

  it("reads boolean flags", () => {
    expect(loadConfig({ TRUST_PROXY: "true", MIGRATE_ON_START: "0" })).toMatchObject({
      TRUST_PROXY: true,
      MIGRATE_ON_START: false,
    });
  });
});
