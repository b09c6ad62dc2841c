import type { Frequency } from "@ipt/shared";

// Also used by the end-of-treatment summary, so it lives with the shared clinical labels.
export { nextStepLabels } from "../../../components/clinical/labels";

export const frequencyLabels: Record<Frequency, string> = {
  weekly: "Weekly",
  fortnightly: "Every two weeks",
};
