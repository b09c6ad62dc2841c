import type { AttentionKind, ReviewThreadKind, ReviewThreadStatus } from "@ipt/shared";

export const threadKindLabels: Record<ReviewThreadKind, string> = {
  comment: "Comment",
  change_request: "Change request",
};

export const threadStatusLabels: Record<ReviewThreadStatus, string> = {
  open: "Open",
  resolved: "Resolved",
};

/** The attention page's group headings, one per kind. */
export const attentionGroupLabels: Record<AttentionKind, string> = {
  risk_follow_up: "Risk follow-ups",
  change_request: "Change requests",
  comment: "Comments awaiting your reply",
  unsigned_session: "Sessions to sign",
};
