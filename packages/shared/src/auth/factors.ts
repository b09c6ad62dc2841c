// Second sign-in factors (docs/decisions/021): TOTP (RFC 6238, any authenticator app) and one-time
// recovery codes.
import { z } from "zod";
import { passkeySummary } from "./passkeys";

/** Six digits; spaces an authenticator app shows between groups are dropped. */
export const totpCode = z
  .string()
  .max(64)
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

export const RECOVERY_CODE_COUNT = 10;

const TOTP_CODE = /^\d{6}$/;
const RECOVERY_CODE = /^[A-Za-z0-9]{16}$/;

/** One closed body for both kinds of code; the code is checked against its method's format. */
export const secondFactorRequest = z
  .strictObject({
    method: z.enum(["totp", "recovery_code"]),
    code: z
      .string()
      .max(64)
      .transform((value) => value.replace(/\s+/g, "")),
  })
  .superRefine((value, ctx) => {
    const totp = value.method === "totp";
    if (totp ? TOTP_CODE.test(value.code) : RECOVERY_CODE.test(value.code.replace(/-/g, ""))) return;
    ctx.addIssue({
      code: "custom",
      path: ["code"],
      message: totp
        ? "Enter the 6-digit code from your authenticator app."
        : "Enter one of your recovery codes, e.g. abcd-efgh-jkmn-pqrs.",
    });
  });
export type SecondFactorRequest = z.infer<typeof secondFactorRequest>;

export const totpEnrolmentResponse = z.object({
  /** Base32, for typing into an app by hand; shown during enrolment only, never again. */
  secret: z.string(),
  /** otpauth://totp/… for the QR code. */
  otpauthUri: z.string(),
});
export type TotpEnrolmentResponse = z.infer<typeof totpEnrolmentResponse>;

export const confirmTotpRequest = z.strictObject({ code: totpCode });
export type ConfirmTotpRequest = z.infer<typeof confirmTotpRequest>;

export const recoveryCodesResponse = z.object({
  /** Shown once: the server keeps only their hashes. */
  recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT),
});
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponse>;

export const factorsResponse = z.object({
  totp: z.object({ enrolled: z.boolean(), confirmedAt: z.iso.datetime().nullable() }),
  /** Oldest first. */
  passkeys: z.array(passkeySummary),
  recoveryCodesLeft: z.number().int().min(0),
});
export type FactorsResponse = z.infer<typeof factorsResponse>;
