// Account management for admins. Every change is audited in the same transaction as the change.
import type {
  AdminUser,
  CreateUserRequest,
  ListUsersQuery,
  ListUsersResponse,
  Role,
  UpdateUserRequest,
} from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { generateTemporaryPassword, hashPassword } from "../auth/passwords";
import { accountKey, clearFailures } from "../auth/throttle";
import { recordCaseloadAccessChange } from "./caseload-access";
import {
  assertTemporaryPasswordForNewAccount,
  assertTemporaryPasswordForReset,
} from "./temporary-password-rule";
import { personSelect } from "../db/person-select";
import { Prisma, type PrismaClient, type Tx } from "../db/prisma";
import { AppError, conflict, invalid, notFound } from "../errors/app-error";

const adminUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  mustChangePassword: true,
  createdAt: true,
  totpFactor: { select: { confirmedAt: true } },
  _count: { select: { passkeys: true } },
  supervisorsOf: {
    select: { supervisor: { select: personSelect } },
    orderBy: { supervisor: { name: "asc" } },
  },
  superviseesOf: { select: { therapist: { select: personSelect } }, orderBy: { therapist: { name: "asc" } } },
} satisfies Prisma.UserSelect;

type AdminUserRow = Prisma.UserGetPayload<{ select: typeof adminUserSelect }>;

function toAdminUser(row: AdminUserRow, slowedUntil: Date | undefined): AdminUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
    signInSlowedUntil: slowedUntil?.toISOString() ?? null,
    secondFactor: row.totpFactor?.confirmedAt != null || row._count.passkeys > 0,
    createdAt: row.createdAt.toISOString(),
    supervisors: row.supervisorsOf.map((a) => a.supervisor),
    supervisees: row.superviseesOf.map((a) => a.therapist),
  };
}

/** Prisma's `contains` is a LIKE pattern and does not escape (prisma/prisma#19506): search literally. */
const literalLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

export async function listUsers(prisma: PrismaClient, query: ListUsersQuery): Promise<ListUsersResponse> {
  const q = query.q ? literalLike(query.q) : undefined;
  const where: Prisma.UserWhereInput = {
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { email: { contains: q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(query.role ? { role: query.role } : {}),
    ...(query.active ? { active: query.active === "true" } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.user.findMany({
      where,
      select: adminUserSelect,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    prisma.user.count({ where }),
  ]);
  const slowed = await signInSlowedUntil(
    prisma,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) => toAdminUser(row, slowed.get(row.id))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Until when each account's sign-in is held back by its own failures (auth/throttle.ts), if it is. */
async function signInSlowedUntil(db: PrismaClient | Tx, userIds: string[], now = new Date()) {
  const keys = new Map(userIds.map((id) => [accountKey(id).key, id]));
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: [...keys.keys()] }, blockedUntil: { gt: now } },
    select: { key: true, blockedUntil: true },
  });
  const slowed = new Map<string, Date>();
  for (const row of rows) {
    const userId = keys.get(row.key);
    if (userId && row.blockedUntil) slowed.set(userId, row.blockedUntil);
  }
  return slowed;
}

async function loadUser(db: PrismaClient | Tx, userId: string): Promise<AdminUser> {
  const row = await db.user.findUnique({ where: { id: userId }, select: adminUserSelect });
  if (!row) throw notFound("The account");
  return toAdminUser(row, (await signInSlowedUntil(db, [userId])).get(userId));
}

export const getUser = loadUser;

/**
 * Creates an account with a temporary password, shown once to the admin; refused (409, nothing
 * created) where the role need not enrol a second factor (docs/decisions/025).
 */
export async function createUser(prisma: PrismaClient, audit: AuditContext, request: CreateUserRequest) {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  try {
    const user = await prisma.$transaction(async (tx) => {
      await assertTemporaryPasswordForNewAccount(tx, request.role);
      const created = await tx.user.create({
        data: { ...request, passwordHash, mustChangePassword: true },
        select: { id: true },
      });
      await recordAudit(tx, audit, {
        action: "user.created",
        entityType: "user",
        entityId: created.id,
        details: { role: request.role },
      });
      return loadUser(tx, created.id);
    });
    return { user, temporaryPassword };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists.", [
        { field: "body.email", message: "An account with this email already exists." },
      ]);
    }
    throw error;
  }
}

/**
 * Serialises changes that could remove the last active admin: two admins demoting each other at
 * once must not both succeed.
 */
async function lockAdminChanges(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('ipt.last-active-admin'))`;
}

async function assertNotLastActiveAdmin(tx: Tx, userId: string, message: string) {
  await lockAdminChanges(tx);
  const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (others === 0) throw conflict(message);
}

async function findForUpdate(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, active: true },
  });
  if (!user) throw notFound("The account");
  return user;
}

export async function updateUser(
  prisma: PrismaClient,
  audit: AuditContext,
  userId: string,
  request: UpdateUserRequest,
): Promise<AdminUser> {
  return prisma.$transaction(async (tx) => {
    const current = await findForUpdate(tx, userId);
    const roleChanges = request.role !== undefined && request.role !== current.role;
    if (roleChanges && current.role === "admin" && current.active) {
      await assertNotLastActiveAdmin(
        tx,
        userId,
        "This is the last active administrator: their role cannot change.",
      );
    }
    if (roleChanges) await assertNoAssignmentsBlockRoleChange(tx, userId, current.role);
    await tx.user.update({ where: { id: userId }, data: request });
    await recordAudit(tx, audit, {
      action: "user.updated",
      entityType: "user",
      entityId: userId,
      details: {
        fields: Object.keys(request),
        ...(roleChanges ? { from: current.role, to: request.role } : {}),
      },
    });
    return loadUser(tx, userId);
  });
}

/** A role change must not leave supervision links that no longer make sense. */
async function assertNoAssignmentsBlockRoleChange(tx: Tx, userId: string, from: Role) {
  if (from === "therapist" && (await tx.supervisionAssignment.count({ where: { therapistId: userId } }))) {
    throw conflict("Remove this therapist's supervisors before changing their role.");
  }
  if (from === "supervisor" && (await tx.supervisionAssignment.count({ where: { supervisorId: userId } }))) {
    throw conflict("Remove this supervisor's supervisees before changing their role.");
  }
}

export async function setActive(
  prisma: PrismaClient,
  audit: AuditContext,
  userId: string,
  active: boolean,
): Promise<AdminUser> {
  return prisma.$transaction(async (tx) => {
    const current = await findForUpdate(tx, userId);
    if (!active && current.role === "admin" && current.active) {
      await assertNotLastActiveAdmin(
        tx,
        userId,
        "This is the last active administrator: they cannot be deactivated.",
      );
    }
    await tx.user.update({ where: { id: userId }, data: { active } });
    // Reactivation clears the account's failed sign-ins so the person can sign in again at once.
    if (active) await clearFailures(tx, [accountKey(userId)]);
    // Deactivation ends every session of that user at once.
    if (!active) await tx.loginSession.deleteMany({ where: { userId } });
    await recordAudit(tx, audit, {
      action: active ? "user.reactivated" : "user.deactivated",
      entityType: "user",
      entityId: userId,
    });
    return loadUser(tx, userId);
  });
}

/**
 * Replaces the password with a temporary one, shown once to the admin; refused (409, nothing
 * changed) where the account has no second factor and its role need not enrol one (decision 025).
 */
export async function resetPassword(prisma: PrismaClient, audit: AuditContext, userId: string) {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const user = await prisma.$transaction(async (tx) => {
    await assertTemporaryPasswordForReset(tx, await findForUpdate(tx, userId));
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: true },
    });
    await clearFailures(tx, [accountKey(userId)]);
    await tx.loginSession.deleteMany({ where: { userId } });
    await recordAudit(tx, audit, { action: "user.password_reset", entityType: "user", entityId: userId });
    return loadUser(tx, userId);
  });
  return { user, temporaryPassword };
}

/**
 * Removes a user's second factors (a lost phone): they sign in with their password and are led
 * through enrolment again where their role requires a factor, and are told of the reset. Their
 * sessions end. Not on one's own account: an admin changes their own factors on their own page
 * (with a step-up check), so a stolen admin session cannot strip its owner's factor here.
 */
export async function resetFactors(
  prisma: PrismaClient,
  audit: AuditContext,
  userId: string,
  now: Date,
  /** Who, when no signed-in admin did it (the operator's command). */
  actorLabel?: string,
) {
  if (audit.actorId === userId) {
    throw conflict("Change your own sign-in factors on your account page, not here.");
  }
  return prisma.$transaction(async (tx) => {
    await findForUpdate(tx, userId);
    const { count } = await tx.totpFactor.deleteMany({ where: { userId } });
    const passkeys = await tx.webauthnCredential.deleteMany({ where: { userId } });
    await tx.webauthnChallenge.deleteMany({ where: { userId } });
    const codes = await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.user.update({ where: { id: userId }, data: { factorsResetAt: now } });
    const sessions = await tx.loginSession.deleteMany({ where: { userId } });
    await recordAudit(tx, audit, {
      action: "user.factors_reset",
      entityType: "user",
      entityId: userId,
      ...(actorLabel ? { actorLabel } : {}),
      details: {
        totp: count,
        passkeys: passkeys.count,
        recoveryCodes: codes.count,
        endedSessions: sessions.count,
      },
    });
    return loadUser(tx, userId);
  });
}

/**
 * Lifts the slowing of an account's sign-in (the person is at the desk, the failures were someone
 * else's). Audited with when it would have ended; the address's own failures are not touched.
 */
export async function unlockSignIn(prisma: PrismaClient, audit: AuditContext, userId: string) {
  return prisma.$transaction(async (tx) => {
    await findForUpdate(tx, userId);
    const key = accountKey(userId);
    const throttle = await tx.signInThrottle.findUnique({ where: { key: key.key } });
    await clearFailures(tx, [key]);
    await recordAudit(tx, audit, {
      action: "user.sign_in_unlocked",
      entityType: "user",
      entityId: userId,
      details: {
        failures: throttle?.failures ?? 0,
        slowedUntil: throttle?.blockedUntil?.toISOString() ?? null,
      },
    });
    return loadUser(tx, userId);
  });
}

/** Signs the user out everywhere at once (a lost device, a suspected stolen session). */
export async function endSessions(prisma: PrismaClient, audit: AuditContext, userId: string) {
  return prisma.$transaction(async (tx) => {
    await findForUpdate(tx, userId);
    const { count } = await tx.loginSession.deleteMany({ where: { userId } });
    await recordAudit(tx, audit, {
      action: "user.sessions_ended",
      entityType: "user",
      entityId: userId,
      details: { endedSessions: count },
    });
    return { endedSessions: count };
  });
}

export async function assignSupervisor(
  prisma: PrismaClient,
  audit: AuditContext,
  therapistId: string,
  supervisorId: string,
): Promise<AdminUser> {
  return prisma.$transaction(async (tx) => {
    const therapist = await findForUpdate(tx, therapistId);
    if (therapist.role !== "therapist")
      throw invalid("params.userId", "Supervisors are assigned to therapists only.");
    const supervisor = await tx.user.findUnique({
      where: { id: supervisorId },
      select: { role: true, active: true },
    });
    if (!supervisor) throw notFound("The supervisor");
    if (supervisor.role !== "supervisor")
      throw invalid("params.supervisorId", "This account is not a supervisor.");
    if (!supervisor.active) throw invalid("params.supervisorId", "This supervisor's account is deactivated.");
    const existing = await tx.supervisionAssignment.findUnique({
      where: { supervisorId_therapistId: { supervisorId, therapistId } },
    });
    if (!existing) {
      await tx.supervisionAssignment.create({
        data: { supervisorId, therapistId, createdById: audit.actorId },
      });
      // An access grant to the therapist's caseload: audited as such, and told to the therapist.
      await recordCaseloadAccessChange(tx, audit, { therapistId, supervisorId, change: "granted" });
    }
    return loadUser(tx, therapistId);
  });
}

export async function removeSupervisor(
  prisma: PrismaClient,
  audit: AuditContext,
  therapistId: string,
  supervisorId: string,
): Promise<AdminUser> {
  return prisma.$transaction(async (tx) => {
    await findForUpdate(tx, therapistId);
    const { count } = await tx.supervisionAssignment.deleteMany({ where: { supervisorId, therapistId } });
    if (count === 0) throw notFound("That supervision assignment");
    await recordCaseloadAccessChange(tx, audit, { therapistId, supervisorId, change: "revoked" });
    return loadUser(tx, therapistId);
  });
}
