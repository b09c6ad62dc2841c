// The organisation's safety settings (admin page, their own group beside the measurement, supervision
// and service settings): how many days an unresolved risk flag may stay open before it escalates to
// the client's supervisors.
import { z } from "zod";
import type { SourceTag } from "../ipt/sources";

export const safetySettings = z.object({
  /** An open risk flag escalates to the supervisors this many days after it was raised. */
  escalateAfterDays: z
    .int("Must be a whole number of days.")
    .min(1, "Must be at least 1 day.")
    .max(90, "Must be at most 90 days."),
});
export type SafetySettings = z.infer<typeof safetySettings>;

/**
 * A week: one weekly session after the flag was raised. A synthesis, not a published standard: the
 * sources ask for further assessment and a supervisor alert on item 9 [S25l][S25m], not for a deadline.
 */
export const defaultSafetySettings: SafetySettings = { escalateAfterDays: 7 };

export interface SafetySettingField {
  key: keyof SafetySettings;
  label: string;
  help: string;
  sources: SourceTag[];
}

export const safetySettingFields: SafetySettingField[] = [
  {
    key: "escalateAfterDays",
    label: "Escalate a risk flag to the supervisors when it is still open after (days)",
    help: "Item 9 answers above 0 need further assessment and the supervisor's attention. The number of days is a local choice, not a published standard.",
    sources: ["S25l", "S25m"],
  },
];
