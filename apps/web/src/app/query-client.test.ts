import { describe, expect, it } from "vitest";
import { ApiError, NetworkError, UnexpectedResponseError } from "../lib/api-client";
import { shouldRetry } from "./query-client";

const apiError = (status: number) =>
  new ApiError({ status, code: status >= 500 ? "internal_error" : "forbidden", message: "x" });

describe("shouldRetry", () => {
  it("never retries a 4xx answer", () => {
    for (const status of [400, 401, 403, 404, 409, 429]) {
      expect(shouldRetry(0, apiError(status))).toBe(false);
    }
  });

  it("never retries a body that breaks the contract", () => {
    expect(shouldRetry(0, new UnexpectedResponseError(200))).toBe(false);
  });

  it("retries server errors and lost connections twice", () => {
    expect(shouldRetry(0, apiError(503))).toBe(true);
    expect(shouldRetry(1, new NetworkError())).toBe(true);
    expect(shouldRetry(2, new NetworkError())).toBe(false);
  });
});
