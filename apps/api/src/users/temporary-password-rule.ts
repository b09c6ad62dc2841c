// Separation of duties (docs/decisions/025): an admin sees a temporary password only where it is
// not enough to sign in as the person. That holds when the account's role must enrol a second
// factor at its next sign-in (the sign-in settings) or, at a reset, when the account already has a
// factor. Otherwise the admin is refused (409) and nothing changes: they are told which setting to
// change first.
import { roleLabels, type Role } from "@ipt/shared";
import { hasConfirmedFactor } from "../auth/factors";
import type { Db } from "../db/prisma";
import { AppError } from "../errors/app-error";
import { readSignInSettings } from "../settings/sign-in-settings";

const settingName = (role: Role) =>
  `require a second factor for the ${roleLabels[role].toLowerCase()} role first (Organisation settings, sign-in)`;

/** Before creating an account with a temporary password: its role must require a second factor. */
export async function assertTemporaryPasswordForNewAccount(db: Db, role: Role): Promise<void> {
  const { settings } = await readSignInSettings(db);
  if (settings.mfaRequiredRoles.includes(role)) return;
  const message = `A temporary password alone would let you sign in as this person: ${settingName(role)}.`;
  throw new AppError("conflict", message, [{ field: "body.role", message }]);
}

/** Before resetting a password: the account has a second factor, or its role requires one. */
export async function assertTemporaryPasswordForReset(
  db: Db,
  user: { id: string; role: Role },
): Promise<void> {
  const { settings } = await readSignInSettings(db);
  if (settings.mfaRequiredRoles.includes(user.role)) return;
  if (await hasConfirmedFactor(db, user.id)) return;
  throw new AppError(
    "conflict",
    `This account has no second factor, so a temporary password alone would let you sign in as this person: ${settingName(user.role)}, or ask them to set up a second factor.`,
  );
}
