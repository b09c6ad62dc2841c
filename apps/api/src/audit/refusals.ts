// Refusals by role (403) and by the CSRF checks are audited, but at most one audit row per source,
// action and minute: a flood of refused requests would otherwise fill the append-only audit log.
// Every refusal is still counted (audit_refusal_windows), so none is lost.
import type { AuditAction } from "@ipt/shared";
import type { PrismaClient } from "../db/prisma";
import { recordAudit, type AuditContext, type AuditEntry } from "./audit-log";

export const REFUSAL_WINDOW_MS = 60_000;

export interface Refusal {
  action: Extract<
    AuditAction,
    "access.forbidden" | "csrf.refused" | "auth.login_throttled" | "auth.second_factor_throttled"
  >;
  method: string;
  /** The route's pattern (e.g. /api/clients/:clientId), never the URL with its ids or query. */
  route: string;
  reason: string;
}

/** The refused user's id, or the address when no one is signed in. */
const sourceOf = (context: AuditContext) => context.actorId ?? `ip:${context.ip ?? "unknown"}`;

export async function recordRefusal(
  prisma: PrismaClient,
  context: AuditContext,
  refusal: Refusal,
  now: Date,
  /** What the refusal was about, e.g. the account a throttled sign-in tried. */
  subject: Pick<AuditEntry, "entityType" | "entityId" | "actorLabel"> = {},
) {
  const windowStart = new Date(Math.floor(now.getTime() / REFUSAL_WINDOW_MS) * REFUSAL_WINDOW_MS);
  const source = sourceOf(context);
  await prisma.$transaction(async (tx) => {
    const [window] = await tx.$queryRaw<{ refusals: number }[]>`
      INSERT INTO audit_refusal_windows (source, action, window_start, refusals)
      VALUES (${source}, ${refusal.action}, ${windowStart}, 1)
      ON CONFLICT (source, action, window_start)
      DO UPDATE SET refusals = audit_refusal_windows.refusals + 1
      RETURNING refusals`;
    if (window?.refusals !== 1) return;
    await recordAudit(tx, context, {
      action: refusal.action,
      outcome: "denied",
      ...subject,
      details: {
        method: refusal.method,
        route: refusal.route,
        reason: refusal.reason,
        // Further refusals from this source in the window are counted in audit_refusal_windows.
        windowStart: windowStart.toISOString(),
      },
    });
  });
}
