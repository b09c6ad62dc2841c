import { describe, expect, it } from "vitest";
import { changePasswordRequest, loginRequest } from "./auth";

describe("auth schemas", () => {
  it("normalises the email at sign-in", () => {
    expect(loginRequest.parse({ email: "  Ada@Example.ORG ", password: "x" }).email).toBe("ada@example.org");
  });

  it("a new password needs 12 characters and must differ from the current one", () => {
    const short = changePasswordRequest.safeParse({
      currentPassword: "old-password-1",
      newPassword: "short",
    });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.path).toEqual(["newPassword"]);
    const same = changePasswordRequest.safeParse({
      currentPassword: "same-password-12",
      newPassword: "same-password-12",
    });
    expect(same.error?.issues[0]?.path).toEqual(["newPassword"]);
    expect(
      changePasswordRequest.safeParse({ currentPassword: "old-password-1", newPassword: "new-passphrase-12" })
        .success,
    ).toBe(true);
  });
});
