import { auditActions, type AuditAction } from "@ipt/shared";

export const auditActionLabels: Record<AuditAction, string> = {
  "auth.login": "Signed in",
  "auth.login_failed": "Sign-in failed",
  "auth.lockout": "Sign-in locked after failed attempts",
  "auth.logout": "Signed out",
  "auth.password_changed": "Changed own password",
  "user.created": "Account created",
  "user.updated": "Account updated",
  "user.deactivated": "Account deactivated",
  "user.reactivated": "Account reactivated",
  "user.password_reset": "Password reset by administrator",
  "supervision.assigned": "Supervisor assigned",
  "supervision.removed": "Supervisor removed",
  "caseload.viewed": "Caseload viewed",
  "client.viewed": "Client record viewed",
  "client.created": "Client added",
  "client.updated": "Client details changed",
  "client.access_denied": "Clinical record refused (not the client's therapist)",
  "inventory.viewed": "Interpersonal inventory viewed",
  "inventory.person_added": "Inventory: person added",
  "inventory.person_updated": "Inventory: person changed",
  "inventory.person_removed": "Inventory: person removed",
  "inventory.event_added": "Inventory: life event added",
  "inventory.event_updated": "Inventory: life event changed",
  "inventory.event_removed": "Inventory: life event removed",
  "course.created": "Course started",
  "course.viewed": "Course viewed",
  "course.initial_tasks_updated": "Initial tasks changed",
  "course.problem_area_set": "Problem area set",
  "course.formulation_set": "Formulation saved",
  "course.contract_set": "Contract saved",
  "course.middle_phase_started": "Middle phase begun",
  "course.termination_raised": "Ending raised",
  "course.termination_checklist_updated": "Termination checklist changed",
  "course.completed": "Course completed",
  "course.rule_refused": "Course change refused by a clinical rule",
  "plan.generated": "Session plan generated",
  "plan.session_added": "Plan: session added",
  "plan.session_dropped": "Plan: session dropped",
  "plan.session_cancelled": "Plan: session cancelled",
  "plan.session_rescheduled": "Plan: session rescheduled",
  "session.viewed": "Session viewed",
  "session.updated": "Session record changed",
  "session.signed": "Session signed and locked",
  "session.amended": "Session amendment added",
  "measures.viewed": "Course measures viewed",
  "measure.recorded": "Score recorded",
  "measure.corrected": "Score corrected",
  "risk_flag.raised": "Risk flag raised",
  "risk_flag.follow_up_recorded": "Safety follow-up recorded",
  "risk_flag.resolved": "Risk flag resolved",
  "risk_flags.viewed": "Open risk flags viewed",
  "course.summary_viewed": "End-of-treatment summary viewed",
  "settings.viewed": "Settings viewed",
  "settings.updated": "Settings changed",
  "cockpit.viewed": "Supervision cockpit viewed",
  "supervision.summary_viewed": "Supervisee summaries viewed",
  "fidelity.viewed": "Fidelity ratings viewed",
  "fidelity.rated": "Fidelity rating saved",
  "review_threads.viewed": "Review comments viewed",
  "review_thread.opened": "Review comment or change request opened",
  "review_thread.replied": "Review comment replied to",
  "review_thread.resolved": "Review comment or change request resolved",
  "cosigns.viewed": "Co-signatures viewed",
  "cosign.recorded": "Co-signed by a supervisor",
  "attention.viewed": "Attention list viewed",
};

function isKnownAction(action: string): action is AuditAction {
  return (auditActions as readonly string[]).includes(action);
}

/** Plain words for an action code; codes added by later features fall back to the code itself. */
export function auditActionLabel(action: string): string {
  return isKnownAction(action) ? auditActionLabels[action] : action;
}

export const auditOutcomeLabels: Record<string, string> = {
  success: "Succeeded",
  failure: "Failed",
  denied: "Denied",
};
