import { z } from "zod";
import { isCommonPassword } from "./common-passwords";

/** NCSC and NIST SP 800-63B favour length over composition rules: at least 12 characters. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((value) => value.trim().length === value.length, "Remove spaces at the start or end.")
  .refine(
    (value) => !isCommonPassword(value),
    "This password is too common. Choose one that is hard to guess.",
  );

/** Parts of a person's identity shorter than this are too common to refuse (e.g. "al", "li"). */
const IDENTITY_PART_MIN_LENGTH = 3;

const letters = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/**
 * Which part of the account's identity a new password contains, if any: the email, its local part,
 * the name or one of its words (case and punctuation ignored). Checked by the API on every password
 * change and by the web form before sending, so a guess from public facts does not work.
 */
export function passwordIdentityProblem(
  password: string,
  account: { email: string; name: string },
): string | null {
  const haystack = letters(password);
  const localPart = account.email.split("@")[0] ?? "";
  const candidates: [string, string][] = [
    [account.email, "The password may not contain your email address."],
    [localPart, "The password may not contain the first part of your email address."],
    [account.name, "The password may not contain your name."],
    ...account.name
      .split(/\s+/)
      .map((word): [string, string] => [word, "The password may not contain your name."]),
  ];
  for (const [part, message] of candidates) {
    const needle = letters(part);
    if (needle.length >= IDENTITY_PART_MIN_LENGTH && haystack.includes(needle)) return message;
  }
  return null;
}
