import type { AttentionKind } from "@ipt/shared";

/** The attention page's group headings, one per kind. */
export const attentionGroupLabels: Record<AttentionKind, string> = {
  risk_follow_up: "Risk follow-ups",
  change_request: "Change requests",
  comment: "Comments awaiting your reply",
  unsigned_session: "Sessions to sign",
};
