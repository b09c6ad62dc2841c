import type { Frequency, NextStep } from "@ipt/shared";

export const frequencyLabels: Record<Frequency, string> = {
  weekly: "Weekly",
  fortnightly: "Every two weeks",
};

export const nextStepLabels: Record<NextStep, string> = {
  maintenance_offered: "Maintenance offered under a new contract",
  referral_offered: "Referral offered",
  no_further_treatment: "No further treatment",
};
