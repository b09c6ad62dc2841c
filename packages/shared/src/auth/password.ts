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
