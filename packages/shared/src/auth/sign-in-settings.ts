// The organisation's sign-in settings (docs/decisions/021): which roles must have a second factor,
// and for how long a passed check counts before a sensitive action asks for it again (step-up).
import { z } from "zod";
import { role, roles, type Role } from "./roles";

export const signInSettings = z.strictObject({
  /** A user of these roles without a factor is led through enrolment at their next sign-in. */
  mfaRequiredRoles: z
    .array(role)
    .max(roles.length)
    .refine((list) => new Set(list).size === list.length, "Name each role once."),
  /** Changing one's password or factors, and admin actions that open clinical data, ask for the
   * second factor again when the last check is older than this. */
  stepUpMinutes: z.number().int().min(1, "At least 1 minute.").max(720, "At most 720 minutes (12 hours)."),
});
export type SignInSettings = z.infer<typeof signInSettings>;

/** A new deployment requires a second factor of every role. */
export const defaultSignInSettings: SignInSettings = {
  mfaRequiredRoles: [...roles] as Role[],
  stepUpMinutes: 15,
};

export const signInSettingsResponse = z.object({
  settings: signInSettings,
  defaults: signInSettings,
  /** 0 while the defaults have never been saved; send it back with a change. */
  version: z.number().int().min(0),
  updatedAt: z.iso.datetime().nullable(),
});
export type SignInSettingsResponse = z.infer<typeof signInSettingsResponse>;

export const updateSignInSettingsRequest = z.strictObject({
  settings: signInSettings,
  version: z.number().int().min(0),
});
export type UpdateSignInSettingsRequest = z.infer<typeof updateSignInSettingsRequest>;
