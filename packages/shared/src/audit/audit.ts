import { z } from "zod";
import { pageQuery, paginated } from "../common/pagination";

/** Audit actions. Clinical ones (client.*, course.*, session.*, inventory.*, measure.*, risk_flag.*) name the record, never its content. */
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
  "user.sessions_ended",
  "supervision.assigned",
  "supervision.removed",
  "caseload.viewed",
  "client.viewed",
  "client.created",
  "client.updated",
  "client.access_denied",
  "inventory.viewed",
  "inventory.person_added",
  "inventory.person_updated",
  "inventory.person_removed",
  "inventory.event_added",
  "inventory.event_updated",
  "inventory.event_removed",
  "course.created",
  "course.viewed",
  "course.initial_tasks_updated",
  "course.problem_area_set",
  "course.formulation_set",
  "course.contract_set",
  "course.middle_phase_started",
  "course.termination_raised",
  "course.termination_checklist_updated",
  "course.completed",
  "course.rule_refused",
  "plan.generated",
  "plan.session_added",
  "plan.session_dropped",
  "plan.session_cancelled",
  "plan.session_rescheduled",
  "session.viewed",
  "session.updated",
  "session.signed",
  "session.amended",
  "measures.viewed",
  "measure.recorded",
  "measure.corrected",
  "risk_flag.raised",
  "risk_flag.follow_up_recorded",
  "risk_flag.resolved",
  "risk_flag.acknowledged",
  "risk_flags.viewed",
  "course.summary_viewed",
  "settings.viewed",
  "settings.updated",
  "cockpit.viewed",
  "supervision.summary_viewed",
  "fidelity.viewed",
  "fidelity.rated",
  "review_threads.viewed",
  "review_thread.opened",
  "review_thread.replied",
  "review_thread.resolved",
  "cosigns.viewed",
  "cosign.recorded",
  "attention.viewed",
  "calendar_feed.created",
  "calendar_feed.revoked",
  "calendar_feed.fetched",
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
