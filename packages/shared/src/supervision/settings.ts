// The organisation's supervision settings (admin page, beside the measurement settings).
import { z } from "zod";
import type { SourceTag } from "../ipt/sources";

export const supervisionSettings = z.object({
  /** The formulation and the plan need a current supervisor co-signature before the middle phase. */
  coSignBeforeMiddle: z.boolean("Choose yes or no."),
});
export type SupervisionSettings = z.infer<typeof supervisionSettings>;

/** Off by default: co-signing is a local policy, not part of the IPT manuals. */
export const defaultSupervisionSettings: SupervisionSettings = { coSignBeforeMiddle: false };

export interface SupervisionSettingField {
  key: keyof SupervisionSettings;
  label: string;
  help: string;
  sources: SourceTag[];
}

export const supervisionSettingFields: SupervisionSettingField[] = [
  {
    key: "coSignBeforeMiddle",
    label: "Require a supervisor's co-signature of the formulation and plan before the middle phase",
    help: "Training standards have supervisors review each case's formulation; this makes that review a gate. A change after co-signing needs a new co-signature.",
    sources: ["S12b", "S26g"],
  },
];
