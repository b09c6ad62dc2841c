// The sign-in settings (docs/decisions/021): which roles must have a second factor and how long a
// check counts for step-up. One row, id 1, apart from the clinical settings; until an admin saves it
// the defaults apply (a factor for every role). Saved with optimistic concurrency and audited.
import {
  defaultSignInSettings,
  signInSettings,
  type SignInSettings,
  type SignInSettingsResponse,
  type UpdateSignInSettingsRequest,
} from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import { Prisma, type Db, type PrismaClient } from "../db/prisma";
import { conflict } from "../errors/app-error";

const ROW_ID = 1;
const ENTITY = { entityType: "sign_in_settings", entityId: String(ROW_ID) } as const;

export async function readSignInSettings(
  db: Db,
): Promise<{ settings: SignInSettings; version: number; updatedAt: Date | null }> {
  const row = await db.signInSettings.findUnique({ where: { id: ROW_ID } });
  if (!row) return { settings: defaultSignInSettings, version: 0, updatedAt: null };
  const settings = signInSettings.parse({
    mfaRequiredRoles: row.mfaRequiredRoles,
    stepUpMinutes: row.stepUpMinutes,
  });
  return { settings, version: row.version, updatedAt: row.updatedAt };
}

async function toResponse(db: Db): Promise<SignInSettingsResponse> {
  const stored = await readSignInSettings(db);
  return {
    settings: stored.settings,
    defaults: defaultSignInSettings,
    version: stored.version,
    updatedAt: stored.updatedAt?.toISOString() ?? null,
  };
}

export async function getSignInSettings(prisma: PrismaClient, audit: AuditContext) {
  await recordAudit(prisma, audit, { action: "settings.viewed", ...ENTITY });
  return toResponse(prisma);
}

const stale = () =>
  conflict("The sign-in settings have changed since you opened them. Reload them, check, and try again.");

export async function updateSignInSettings(
  prisma: PrismaClient,
  audit: AuditContext,
  request: UpdateSignInSettingsRequest,
): Promise<SignInSettingsResponse> {
  const data = {
    mfaRequiredRoles: [...new Set(request.settings.mfaRequiredRoles)],
    stepUpMinutes: request.settings.stepUpMinutes,
    updatedById: audit.actorId,
  };
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await readSignInSettings(tx);
      if (before.version !== request.version) throw stale();
      if (request.version === 0) {
        await tx.signInSettings.create({ data: { id: ROW_ID, ...data, version: 1 } });
      } else {
        const { count } = await tx.signInSettings.updateMany({
          where: { id: ROW_ID, version: request.version },
          data: { ...data, version: { increment: 1 } },
        });
        if (count === 0) throw stale();
      }
      const fields = (Object.keys(request.settings) as (keyof SignInSettings)[]).filter(
        (key) => JSON.stringify(before.settings[key]) !== JSON.stringify(request.settings[key]),
      );
      await recordAudit(tx, audit, {
        action: "settings.updated",
        ...ENTITY,
        details: { fields, mfaRequiredRoles: data.mfaRequiredRoles },
      });
      return toResponse(tx);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw stale();
    throw error;
  }
}
