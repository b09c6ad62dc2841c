import { z } from "zod";
import { newPassword } from "./password";
import { role } from "./roles";

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address."));

export const loginRequest = z.strictObject({
  email,
  // Any length is accepted at login so that the answer never reveals the password rules were broken.
  password: z.string().min(1, "Enter your password.").max(1024),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const sessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role,
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionResponse = z.object({
  user: sessionUser,
  /** Echo this in the `x-csrf-token` header on every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  absoluteExpiresAt: z.iso.datetime(),
  /** The service's IANA time zone: the web works out "today" in it, never in the browser's zone. */
  timeZone: z.string(),
  /** The password has passed but the second factor not yet: only the second-factor step is open. */
  secondFactorPending: z.boolean(),
  /** The sign-in settings require a second factor of this user's role and they have none yet. */
  enrolmentRequired: z.boolean(),
  /** An administrator reset this user's sign-in factors since they last signed in. */
  factorsReset: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const changePasswordRequest = z
  .strictObject({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword,
  })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;

export const CSRF_HEADER = "x-csrf-token";
