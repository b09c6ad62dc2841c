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
