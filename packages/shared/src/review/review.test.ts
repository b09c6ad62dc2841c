import { describe, expect, it } from "vitest";
import { coSignRequest, openReviewThreadRequest, resolveReviewThreadRequest } from "./review";
import { defaultSupervisionSettings, supervisionSettings } from "../supervision/settings";

const SESSION_ID = "0b7d4c4e-3f55-4c1e-9a52-6f1a2d3c4b5e";
const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("review thread requests", () => {
  it("a session thread names its session, and only a session thread does", () => {
    const base = { kind: "comment", body: "Invented comment." } as const;
    expect(pathsOf(openReviewThreadRequest.safeParse({ ...base, target: "session" }))).toEqual(["sessionId"]);
    expect(
      pathsOf(openReviewThreadRequest.safeParse({ ...base, target: "plan", sessionId: SESSION_ID })),
    ).toEqual(["sessionId"]);
    expect(
      openReviewThreadRequest.safeParse({ ...base, target: "session", sessionId: SESSION_ID }).success,
    ).toBe(true);
  });

  it("refuses a message that is only spaces, and trims the rest", () => {
    const blank = openReviewThreadRequest.safeParse({ target: "plan", kind: "comment", body: "   " });
    expect(pathsOf(blank)).toEqual(["body"]);
    const trimmed = openReviewThreadRequest.parse({ target: "plan", kind: "comment", body: "  Invented.  " });
    expect(trimmed.body).toBe("Invented.");
  });

  it("resolves with an optional resolution, naming the version read", () => {
    expect(resolveReviewThreadRequest.parse({ version: 2 })).toEqual({ version: 2, resolution: "" });
    expect(pathsOf(resolveReviewThreadRequest.safeParse({ version: 0 }))).toEqual(["version"]);
  });
});

describe("co-sign requests", () => {
  it("a session co-signature names its session, and only a session co-signature does", () => {
    expect(pathsOf(coSignRequest.safeParse({ target: "session" }))).toEqual(["sessionId"]);
    expect(pathsOf(coSignRequest.safeParse({ target: "formulation", sessionId: SESSION_ID }))).toEqual([
      "sessionId",
    ]);
    expect(coSignRequest.parse({ target: "formulation" })).toEqual({ target: "formulation", note: "" });
  });
});

describe("supervision settings", () => {
  it("co-signing before the middle phase is off by default and must be a yes or no", () => {
    expect(defaultSupervisionSettings).toEqual({ coSignBeforeMiddle: false });
    expect(pathsOf(supervisionSettings.safeParse({ coSignBeforeMiddle: "yes" }))).toEqual([
      "coSignBeforeMiddle",
    ]);
  });
});
