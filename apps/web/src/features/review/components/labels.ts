import type { ReviewThreadKind, ReviewThreadStatus } from "@ipt/shared";

export const threadKindLabels: Record<ReviewThreadKind, string> = {
  comment: "Comment",
  change_request: "Change request",
};

export const threadStatusLabels: Record<ReviewThreadStatus, string> = {
  open: "Open",
  resolved: "Resolved",
};
