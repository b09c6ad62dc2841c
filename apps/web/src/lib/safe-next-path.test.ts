import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  it.each([
    ["/caseload", "/caseload"],
    ["/admin/accounts?q=smith&page=2", "/admin/accounts?q=smith&page=2"],
    ["/admin/audit#top", "/admin/audit#top"],
    ["/", "/"],
  ])("accepts the same-site path %s", (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    ["an absolute URL", "https://evil.example/caseload"],
    ["a protocol-relative URL", "//evil.example/caseload"],
    ["a backslash trick", "/\\evil.example"],
    ["a leading backslash", "\\\\evil.example"],
    ["a tab hidden in the slashes", "/\t/evil.example"],
    ["a newline", "/caseload\n"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path without a leading slash", "caseload"],
    ["an empty value", ""],
    ["a very long value", `/${"a".repeat(3000)}`],
  ])("rejects %s", (_label, raw) => {
    expect(safeNextPath(raw)).toBeNull();
  });

  it("rejects a missing value", () => {
    expect(safeNextPath(null)).toBeNull();
    expect(safeNextPath(undefined)).toBeNull();
  });

  it("does not send people back to the sign-in page after signing in", () => {
    expect(safeNextPath("/login")).toBeNull();
    expect(safeNextPath("/login?next=/caseload")).toBeNull();
  });

  it("normalises dot segments but never into another site", () => {
    expect(safeNextPath("/admin/../caseload")).toBe("/caseload");
    expect(safeNextPath("/..//evil.example")).toBeNull();
    expect(safeNextPath("/./..//evil.example/x")).toBeNull();
  });
});
