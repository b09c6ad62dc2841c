import { describe, expect, it } from "vitest";
import { confirmTotpRequest, secondFactorRequest } from "./factors";

describe("second-factor bodies", () => {
  it("take a TOTP code with the spaces an app shows, and refuse anything but six digits", () => {
    expect(confirmTotpRequest.parse({ code: "123 456" })).toEqual({ code: "123456" });
    expect(secondFactorRequest.parse({ method: "totp", code: " 123456 " })).toEqual({
      method: "totp",
      code: "123456",
    });
    for (const code of ["12345", "1234567", "12a456", ""]) {
      const result = secondFactorRequest.safeParse({ method: "totp", code });
      expect(result.success, code).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["code"]);
    }
  });

  it("take a recovery code with or without hyphens, and refuse other shapes and other keys", () => {
    expect(
      secondFactorRequest.safeParse({ method: "recovery_code", code: "abcd-efgh-jkmn-pqrs" }).success,
    ).toBe(true);
    expect(
      secondFactorRequest.safeParse({ method: "recovery_code", code: "ABCD EFGH JKMN PQRS" }).success,
    ).toBe(true);
    expect(secondFactorRequest.safeParse({ method: "recovery_code", code: "abcd-efgh" }).success).toBe(false);
    expect(secondFactorRequest.safeParse({ method: "sms", code: "123456" }).success).toBe(false);
    expect(secondFactorRequest.safeParse({ method: "totp", code: "123456", userId: "x" }).success).toBe(
      false,
    );
  });
});
