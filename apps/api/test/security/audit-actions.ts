// Each clinical route's own audit action, and which routes are clinical: shared by the matrix walk
// (security/authorization-matrix.int.test.ts checks the events every call writes) and the audit
// completeness proof (security/audit-completeness.int.test.ts: every clinical route is listed here,
// and its audit insert is in the write's transaction).
import type { AuditAction } from "@ipt/shared";

/** Each clinical route's own audit action (GET and HEAD alike). */
export const ACTIONS: Record<string, AuditAction> = {
  "GET /api/attention": "attention.viewed",
  "GET /api/clients": "caseload.viewed",
  "POST /api/clients": "client.created",
  "GET /api/clients/:clientId": "client.viewed",
  "PATCH /api/clients/:clientId": "client.updated",
  "GET /api/clients/:clientId/inventory": "inventory.viewed",
  "POST /api/clients/:clientId/inventory/people": "inventory.person_added",
  "PATCH /api/clients/:clientId/inventory/people/:personId": "inventory.person_updated",
  "DELETE /api/clients/:clientId/inventory/people/:personId": "inventory.person_removed",
  "POST /api/clients/:clientId/inventory/events": "inventory.event_added",
  "PATCH /api/clients/:clientId/inventory/events/:eventId": "inventory.event_updated",
  "DELETE /api/clients/:clientId/inventory/events/:eventId": "inventory.event_removed",
  "POST /api/clients/:clientId/courses": "course.created",
  "POST /api/courses/:courseId/maintenance": "course.maintenance_started",
  "GET /api/groups": "groups.viewed",
  "POST /api/groups": "group.created",
  "GET /api/groups/:groupId": "group.viewed",
  "POST /api/groups/:groupId/members": "group.member_added",
  "DELETE /api/groups/:groupId/members/:courseId": "group.member_removed",
  "POST /api/groups/:groupId/sessions/:groupSessionId/attendance": "group.attendance_recorded",
  "POST /api/groups/:groupId/sessions/:groupSessionId/reschedule": "group.session_rescheduled",
  "POST /api/groups/:groupId/sessions/:groupSessionId/cancel": "group.session_cancelled",
  "GET /api/courses/:courseId": "course.viewed",
  "PATCH /api/courses/:courseId/initial-tasks": "course.initial_tasks_updated",
  "PUT /api/courses/:courseId/problem-area": "course.problem_area_set",
  "PUT /api/courses/:courseId/formulation": "course.formulation_set",
  "PATCH /api/courses/:courseId/grief-tasks": "course.grief_tasks_updated",
  "PUT /api/courses/:courseId/contract": "course.contract_set",
  "POST /api/courses/:courseId/middle-phase": "course.middle_phase_started",
  "POST /api/courses/:courseId/plan/sessions": "plan.session_added",
  "POST /api/courses/:courseId/plan/drop": "plan.session_dropped",
  "POST /api/courses/:courseId/plan/cancel": "plan.session_cancelled",
  "POST /api/courses/:courseId/plan/reschedule": "plan.session_rescheduled",
  "POST /api/courses/:courseId/termination": "course.termination_raised",
  "PATCH /api/courses/:courseId/termination-checklist": "course.termination_checklist_updated",
  "POST /api/courses/:courseId/completion": "course.completed",
  "POST /api/courses/:courseId/outreach-attempts": "course.outreach_recorded",
  "GET /api/sessions/:sessionId": "session.viewed",
  "PATCH /api/sessions/:sessionId": "session.updated",
  "POST /api/sessions/:sessionId/sign": "session.signed",
  "POST /api/sessions/:sessionId/amendments": "session.amended",
  "GET /api/courses/:courseId/measures": "measures.viewed",
  "POST /api/courses/:courseId/measures": "measure.recorded",
  "POST /api/measures/:measureId/corrections": "measure.corrected",
  "POST /api/risk-flags/:riskFlagId/follow-ups": "risk_flag.follow_up_recorded",
  "POST /api/risk-flags/:riskFlagId/resolve": "risk_flag.resolved",
  "POST /api/supervision/risk-flags/:riskFlagId/acknowledgement": "risk_flag.acknowledged",
  "GET /api/courses/:courseId/end-of-treatment-summary": "course.summary_viewed",
  "GET /api/supervision/risk-flags": "risk_flags.viewed",
  "GET /api/supervision/therapists": "supervision.summary_viewed",
  "GET /api/supervision/cockpit": "cockpit.viewed",
  "GET /api/courses/:courseId/fidelity": "fidelity.viewed",
  "PUT /api/sessions/:sessionId/fidelity": "fidelity.rated",
  "GET /api/courses/:courseId/review-threads": "review_threads.viewed",
  "POST /api/courses/:courseId/review-threads": "review_thread.opened",
  "POST /api/review-threads/:threadId/messages": "review_thread.replied",
  "POST /api/review-threads/:threadId/resolve": "review_thread.resolved",
  "GET /api/courses/:courseId/cosignatures": "cosigns.viewed",
  "POST /api/courses/:courseId/cosignatures": "cosign.recorded",
  "POST /api/sessions/:sessionId/questionnaire-links": "questionnaire_link.issued",
  "GET /api/courses/:courseId/questionnaire-links": "questionnaire_link.listed",
  "POST /api/questionnaire-links/:linkId/revocation": "questionnaire_link.revoked",
  "GET /api/fhir/courses/:courseId": "fhir.course_exported",
  "GET /api/fhir/caseload": "fhir.caseload_exported",
};

/** Routes that read or write clinical records (or lists and views of them). */
export const isClinical = (url: string) =>
  /^\/api\/(clients|courses|groups|sessions|measures|risk-flags|review-threads|supervision|attention|questionnaire-links|fhir)(\/|$)/.test(
    url,
  );

/** A route key's audit action (HEAD is audited as the GET it answers like). */
export const actionOf = (key: string): AuditAction | undefined => ACTIONS[key.replace(/^HEAD /, "GET ")];
