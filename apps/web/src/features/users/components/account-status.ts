import type { AdminUser } from "@ipt/shared";
import { formatDateTime } from "../../../lib/format";

export function isLocked(user: Pick<AdminUser, "lockedUntil">, now = Date.now()): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
}

/** Plain-language status: "Active", "Deactivated", plus sign-in notes for the table and details. */
export function accountStatusLabel(user: AdminUser, now = Date.now()): string {
  if (!user.active) return "Deactivated";
  if (isLocked(user, now)) return "Active, sign-in locked";
  return "Active";
}

export function accountNotes(user: AdminUser, now = Date.now()): string[] {
  const notes: string[] = [];
  if (isLocked(user, now) && user.lockedUntil) {
    notes.push(`Sign-in locked after failed attempts until ${formatDateTime(user.lockedUntil)}`);
  }
  if (user.mustChangePassword) notes.push("Must choose a new password at next sign-in");
  return notes;
}
