import { z } from "zod";
import { pageQuery, paginated } from "../common/pagination";

/** Audit actions written so far; later features add their own. */
export const auditActions = [
  "auth.login",
  "auth.login_failed",
  "auth.lockout",
  "auth.logout",
  "auth.password_changed",
  "user.created",
  "user.updated",
  "user.deactivated",
  "user.reactivated",
  "user.password_reset",
  "supervision.assigned",
  "supervision.removed",
] as const;
export const auditAction = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditAction>;

export const auditOutcome = z.enum(["success", "failure", "denied"]);

export const auditEvent = z.object({
  id: z.string(),
  occurredAt: z.iso.datetime(),
  actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  /** The attempted email when no account matched (failed sign-in). */
  actorLabel: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: auditOutcome,
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const listAuditEventsQuery = pageQuery.extend({
  actorId: z.uuid("Must be a user id.").optional(),
  action: z.string().trim().max(80).optional(),
  from: z.iso.date("Use a date like 2026-01-31.").optional(),
  to: z.iso.date("Use a date like 2026-01-31.").optional(),
});
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuery>;
export const listAuditEventsResponse = paginated(auditEvent);
export type ListAuditEventsResponse = z.infer<typeof listAuditEventsResponse>;
