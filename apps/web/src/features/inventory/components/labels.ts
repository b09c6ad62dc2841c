import type { ClosenessRing, LifeEventKind } from "@ipt/shared";

export const ringLabels: Record<ClosenessRing, string> = {
  inner: "Inner circle",
  middle: "Middle circle",
  outer: "Outer circle",
};

export const ringHints: Record<ClosenessRing, string> = {
  inner: "The people closest to the client.",
  middle: "Important, but less close.",
  outer: "Known, but not close.",
};

export const lifeEventKindLabels: Record<LifeEventKind, string> = {
  death: "Death",
  dispute: "Dispute",
  transition: "Life change (role transition)",
  other: "Other event",
};
