import { describe, expect, it } from "vitest";
import { passwordIdentityProblem } from "./password";

const account = { email: "Ada.Lovelace@example.org", name: "Ada Byron King" };

describe("a new password may not contain who the account belongs to", () => {
  it("refuses the email, its local part, the whole name and each word of the name", () => {
    expect(passwordIdentityProblem("xx-ada.lovelace@example.org-xx", account)).toMatch(/email address/);
    expect(passwordIdentityProblem("my-AdaLovelace-2026!", account)).toMatch(/first part of your email/);
    expect(passwordIdentityProblem("adabyronking-2026", account)).toMatch(/your name/);
    expect(passwordIdentityProblem("correct-BYRON-staple", account)).toMatch(/your name/);
  });

  it("accepts a password that shares only short fragments", () => {
    expect(passwordIdentityProblem("correct-horse-battery", account)).toBeNull();
    // "Ada" is 3 letters and so counts; two-letter words of a name do not.
    expect(passwordIdentityProblem("li-correct-horse", { email: "x@example.org", name: "Li Wu" })).toBeNull();
  });
});
