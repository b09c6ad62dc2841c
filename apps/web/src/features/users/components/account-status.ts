import type { AdminUser } from "@ipt/shared";
import { formatDateTime } from "../../../lib/format";

/** Sign-in is slowed after failed attempts (the server throttles; an admin can lift it). */
export function isSignInSlowed(user: Pick<AdminUser, "signInSlowedUntil">, now = Date.now()): boolean {
  return user.signInSlowedUntil !== null && Date.parse(user.signInSlowedUntil) > now;
}

/** Plain-language status: "Active", "Deactivated", plus sign-in notes for the table and details. */
export function accountStatusLabel(user: AdminUser, now = Date.now()): string {
  if (!user.active) return "Deactivated";
  if (isSignInSlowed(user, now)) return "Active, sign-in slowed";
  return "Active";
}

export function accountNotes(user: AdminUser, now = Date.now()): string[] {
  const notes: string[] = [];
  if (isSignInSlowed(user, now) && user.signInSlowedUntil) {
    notes.push(`Sign-in slowed after failed attempts until ${formatDateTime(user.signInSlowedUntil)}`);
  }
  if (user.mustChangePassword) notes.push("Must choose a new password at next sign-in");
  return notes;
}
