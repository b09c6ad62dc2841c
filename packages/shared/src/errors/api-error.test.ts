import { describe, expect, it } from "vitest";
import { apiErrorBody, errorCodes, statusByErrorCode } from "./api-error";

describe("error body", () => {
  it("maps every error code to a 4xx, 500 or 503 status", () => {
    for (const code of errorCodes) {
      const status = statusByErrorCode[code];
      expect(status === 500 || status === 503 || (status >= 400 && status < 500)).toBe(true);
    }
  });

  it("accepts field errors and rejects other shapes", () => {
    expect(
      apiErrorBody.safeParse({
        error: { code: "validation_failed", message: "x", fields: [{ field: "body.email", message: "y" }] },
      }).success,
    ).toBe(true);
    expect(apiErrorBody.safeParse({ message: "plain" }).success).toBe(false);
    expect(apiErrorBody.safeParse({ error: { code: "teapot", message: "x" } }).success).toBe(false);
  });
});
