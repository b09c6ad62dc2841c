// The common-password rule refuses listed passwords in their usual disguises and keeps real passphrases.
import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common-passwords";
import { newPassword } from "./password";

describe("common passwords", () => {
  it.each([
    "password1234",
    "P@ssw0rd-2026!",
    "iloveyou1234",
    "Qwertyuiop12",
    "1qaz2wsx3edc",
    "123456789012",
    "zyxwvutsrqpo",
    "aaaaaaaaaaaa",
    "abcabcabcabc",
    "Therapist2026!",
    "Interpersonal-1",
    "demo-password-2026",
  ])("refuses %s", (password) => {
    expect(isCommonPassword(password)).toBe(true);
    expect(newPassword.safeParse(password).error?.issues[0]?.message).toMatch(/too common/);
  });

  it.each([
    "correct-horse-battery",
    "my-own-long-passphrase",
    "k7Pq-abcd-EFGH-2345",
    "therapist-password-e2e-1",
  ])("accepts %s", (password) => {
    expect(isCommonPassword(password)).toBe(false);
    expect(newPassword.safeParse(password).success).toBe(true);
  });
});
