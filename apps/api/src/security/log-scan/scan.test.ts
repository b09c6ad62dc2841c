// The log scan finds what it is for, on the line it is on, and passes ordinary request logs.
import { describe, expect, it } from "vitest";
import { findSecrets } from "./scan";

const requestLine = JSON.stringify({
  level: 30,
  reqId: "0c4f1b2e-1a2b-4c3d-8e9f-001122334455",
  req: { method: "GET", path: "/api/clients/5b0c3c7e-3f55-4e36-9a3e-4f1d2a9b8c7d" },
  msg: "incoming request",
});

describe("findSecrets", () => {
  it("passes ordinary request logs", () => {
    expect(findSecrets("a.log", `${requestLine}\n${requestLine}\n`, ["correct-horse-battery"])).toEqual([]);
  });

  it.each([
    [
      "a noted secret",
      `{"msg":"login","password":"correct-horse-battery"}`,
      'the secret "correct-horse-battery"',
    ],
    ["a session cookie", `{"headers":{"cookie":"__Host-ipt_session=abcDEF123"}}`, "a session cookie"],
    ["a password hash", `{"user":{"passwordHash":"$argon2id$v=19$m=19456"}}`, "a password hash"],
    [
      "note text",
      `{"err":"insert failed: Spoke about the Alder Marwick allotment dispute"}`,
      'note text ("Marwick")',
    ],
  ])("finds %s and names its line", (_name, leak, what) => {
    expect(findSecrets("a.log", `${requestLine}\n${leak}\n`, ["correct-horse-battery"])).toEqual([
      { file: "a.log", line: 2, what },
    ]);
  });

  it("ignores short secrets, which would match by chance", () => {
    expect(findSecrets("a.log", `{"id":"abc"}`, ["abc"])).toEqual([]);
  });
});
