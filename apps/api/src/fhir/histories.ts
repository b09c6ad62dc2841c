// The course's histories in the Bundle (docs/decisions/018): each change of problem area and each
// change of the plan, oldest first, as complex extensions of the CarePlan ("problem-area-change",
// "plan-change"). Who made the change is a user of the exporting instance (an identifier, never a
// name); an import attributes it to the therapist the course is assigned to. And the way back.
import { disputeStage, extensionUrl, problemArea, problemAreaRequest } from "@ipt/shared";
import type { CarePlan, Extension } from "@medplum/fhirtypes";
import { z } from "zod";
import { complexExtension } from "./extensions";
import type { ExportSource } from "./export-source";
import type { FhirProblem } from "./structure-validation";

export function historyExtensions(
  source: Pick<ExportSource, "problemAreaChanges" | "planChanges">,
): Extension[] {
  return [
    ...source.problemAreaChanges.map((change) =>
      complexExtension("problem-area-change", {
        fromPrimary: change.fromPrimary,
        toPrimary: change.toPrimary,
        fromSecondary: change.fromSecondary,
        toSecondary: change.toSecondary,
        fromStage: change.fromStage,
        toStage: change.toStage,
        reason: change.reason,
        changedAt: change.changedAt,
        changedBy: change.changedById,
      }),
    ),
    ...source.planChanges.map((change) =>
      complexExtension("plan-change", {
        kind: change.kind,
        summary: change.summary,
        changedAt: change.changedAt,
        changedBy: change.changedById,
      }),
    ),
  ];
}

/** The CarePlan with the histories after its own extensions. */
export const withHistories = (
  plan: CarePlan,
  source: Pick<ExportSource, "problemAreaChanges" | "planChanges">,
): CarePlan => ({ ...plan, extension: [...(plan.extension ?? []), ...historyExtensions(source)] });

export interface ImportedHistories {
  problemAreaChanges: {
    fromPrimary: z.infer<typeof problemArea> | null;
    toPrimary: z.infer<typeof problemArea>;
    fromSecondary: z.infer<typeof problemArea> | null;
    toSecondary: z.infer<typeof problemArea> | null;
    fromStage: z.infer<typeof disputeStage> | null;
    toStage: z.infer<typeof disputeStage> | null;
    reason: string;
    changedAt: string;
  }[];
  planChanges: { kind: string; summary: string; changedAt: string }[];
}

const text = z.string().min(1);
const instant = z.iso.datetime({ offset: true });
const problemAreaChange = z.object({
  fromPrimary: problemArea.nullable(),
  toPrimary: problemArea,
  fromSecondary: problemArea.nullable(),
  toSecondary: problemArea.nullable(),
  fromStage: disputeStage.nullable(),
  toStage: disputeStage.nullable(),
  // The app's own rule for the reason of a change of problem area.
  reason: problemAreaRequest.shape.reason.unwrap(),
  changedAt: instant,
});
const planChange = z.object({ kind: text, summary: text, changedAt: instant });

/** The value of a part of a complex extension, whatever its type; null when absent. */
function partsOf(extension: Extension): Record<string, unknown> {
  return Object.fromEntries(
    (extension.extension ?? []).map((part) => [
      part.url,
      part.valueString ?? part.valueDateTime ?? part.valueCoding?.code ?? null,
    ]),
  );
}

export function readHistories(
  extensions: Extension[] | undefined,
  planPath: string,
  problems: FhirProblem[],
): ImportedHistories {
  const read = <S extends z.ZodType>(name: string, schema: S, fields: readonly string[]): z.infer<S>[] =>
    (extensions ?? []).flatMap((extension, index) => {
      if (extension.url !== extensionUrl(name)) return [];
      const parts = partsOf(extension);
      const parsed = schema.safeParse(
        Object.fromEntries(fields.map((field) => [field, parts[field] ?? null])),
      );
      if (!parsed.success) {
        const path = `${planPath}.extension[${String(index)}]`;
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0]);
          const part = (extension.extension ?? []).findIndex((p) => p.url === field);
          problems.push({
            path: part >= 0 ? `${path}.extension[${String(part)}]` : `${path}.extension`,
            message: `${name} ${field}: ${issue.message}`,
          });
        }
        return [];
      }
      return [parsed.data];
    });
  return {
    problemAreaChanges: read("problem-area-change", problemAreaChange, Object.keys(problemAreaChange.shape)),
    planChanges: read("plan-change", planChange, Object.keys(planChange.shape)),
  };
}
