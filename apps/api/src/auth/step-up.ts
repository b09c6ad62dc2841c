// Step-up (docs/decisions/021): changing one's own password or factors, and admin actions that open
// clinical data to someone (creating a supervisor, assigning one, resetting a password or factors),
// ask for the second factor again when this session's last check is older than the sign-in settings
// allow. A user with no factor has nothing to step up with: their role does not require one (else
// the session would owe enrolment and not get this far), and the action goes ahead.
import type { Db } from "../db/prisma";
import { stepUpRequired } from "../errors/app-error";
import { readSignInSettings } from "../settings/sign-in-settings";
import { hasConfirmedFactor } from "./factors";
import type { ActiveSession } from "./login-sessions";

export async function requireRecentSecondFactor(db: Db, session: ActiveSession, now: Date): Promise<void> {
  if (!(await hasConfirmedFactor(db, session.user.id))) return;
  const { settings } = await readSignInSettings(db);
  const checkedAt = session.secondFactorAt?.getTime();
  if (checkedAt !== undefined && now.getTime() - checkedAt <= settings.stepUpMinutes * 60_000) return;
  throw stepUpRequired();
}

/** The same check for a route's request (its session and arrival time). */
export async function requireStepUp(
  db: Db,
  request: { loginSession: ActiveSession | null; requestedAt: Date },
): Promise<void> {
  // The route's policy has already required a session; none here would be a bug, not a pass.
  if (!request.loginSession) throw stepUpRequired();
  await requireRecentSecondFactor(db, request.loginSession, request.requestedAt);
}
