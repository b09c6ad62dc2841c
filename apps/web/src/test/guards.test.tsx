import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { checkGuards, onUnhandledRejection } from "./guards";

describe("test guards", () => {
  // The real hook in setup-dom.ts: the test body passes, the check after it fails the test, and
  // `it.fails` turns that expected failure into a pass.
  it.fails("fail a test whose body passes but logs an error", () => {
    console.error("An error nobody expected");
    expect(true).toBe(true);
  });

  it("fail a test that logs an error, naming the message", () => {
    console.error("Something broke while rendering");
    expect(() => checkGuards()).toThrow(/console\.error: Something broke while rendering/);
  });

  it("fail a test that logs a warning", () => {
    console.warn("A deprecated option was used");
    expect(() => checkGuards()).toThrow(/console\.warn: A deprecated option was used/);
  });

  it("catch React's own warnings, such as a list without keys", () => {
    const items = ["one", "two"];
    render(
      <ul>
        {items.map((item) => (
          <li>{item}</li>
        ))}
      </ul>,
    );
    expect(() => checkGuards()).toThrow(/unique "key" prop/);
  });

  it("fail a test that leaves a promise rejection unhandled", () => {
    expect(process.listeners("unhandledRejection")).toContain(onUnhandledRejection);
    onUnhandledRejection(new Error("Nobody caught this"));
    expect(() => checkGuards()).toThrow(/unhandled rejection: Error: Nobody caught this/);
  });

  it("start afresh after a check, so one test's problem does not fail the next", () => {
    console.error("Once");
    expect(() => checkGuards()).toThrow();
    expect(() => checkGuards()).not.toThrow();
  });
});
