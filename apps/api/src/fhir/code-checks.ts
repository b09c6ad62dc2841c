// Our own checks of a course Bundle, beyond what the FHIR StructureDefinitions say (they do not check
// required codes): the codes we use are from our code lists (packages/shared/src/fhir/codes.ts), answers
// fit their questions, every reference resolves inside the Bundle, and every extension is one of ours.
import {
  difficultyAnswers,
  difficultyQuestion,
  FHIR_EXTENSION_BASE,
  frequencyAnswers,
  instrumentCodes,
  LOINC,
  SNOMED_CT,
  snomedCodes,
  type Coding,
} from "@ipt/shared";
import type { FhirProblem } from "./structure-validation";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const text = (value: Json | undefined) => (typeof value === "string" ? value : JSON.stringify(value));
const key = (coding: { system?: Json; code?: Json }) => `${text(coding.system)}|${text(coding.code)}`;
const keysOf = (codings: readonly Coding[]) => new Set(codings.map(key));

const knownLoinc = keysOf([
  difficultyQuestion,
  ...Object.values(difficultyAnswers),
  ...frequencyAnswers,
  ...Object.values(instrumentCodes).flatMap((codes) => [codes.panel, codes.total, ...(codes.items ?? [])]),
]);
const knownSnomed = keysOf(Object.values(snomedCodes));
const itemAnswerCodes = keysOf(frequencyAnswers);
const difficultyAnswerCodes = keysOf(Object.values(difficultyAnswers));
const itemQuestionCodes = keysOf(Object.values(instrumentCodes).flatMap((codes) => codes.items ?? []));

/** Walks every value with its path, calling `visit` on objects. */
function walk(value: Json, path: string, visit: (node: JsonObject, path: string) => void) {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walk(item, `${path}[${String(index)}]`, visit);
    });
  } else if (isObject(value)) {
    visit(value, path);
    for (const [name, child] of Object.entries(value)) walk(child, path ? `${path}.${name}` : name, visit);
  }
}

function firstCoding(concept: Json | undefined): JsonObject | null {
  if (!isObject(concept) || !Array.isArray(concept.coding)) return null;
  const first = concept.coding[0];
  return isObject(first) ? first : null;
}

export function codeProblems(bundle: Json): FhirProblem[] {
  const problems: FhirProblem[] = [];
  if (!isObject(bundle)) return [{ path: "", message: "A Bundle must be a JSON object." }];
  if (bundle.type !== "collection")
    problems.push({ path: "type", message: 'The Bundle type must be "collection".' });
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  const fullUrls = new Set(
    entries.flatMap((entry) => (isObject(entry) && typeof entry.fullUrl === "string" ? [entry.fullUrl] : [])),
  );

  walk(bundle, "", (node, path) => {
    // Codings: LOINC and SNOMED CT codes only from our lists.
    if (typeof node.system === "string" && typeof node.code === "string") {
      if (node.system === LOINC && !knownLoinc.has(key(node))) {
        problems.push({ path, message: `LOINC ${node.code} is not one of the codes this app uses.` });
      }
      if (node.system === SNOMED_CT && !knownSnomed.has(key(node))) {
        problems.push({ path, message: `SNOMED CT ${node.code} is not one of the codes this app uses.` });
      }
    }
    // Extensions: ours only, under the one base URL (the parts of a complex extension have short names).
    const isExtension =
      /(^|\.)extension\[\d+\]$/.test(path) && !/extension\[\d+\]\.extension\[\d+\]$/.test(path);
    if (typeof node.url === "string" && isExtension) {
      if (!node.url.startsWith(`${FHIR_EXTENSION_BASE}/`)) {
        problems.push({ path: `${path}.url`, message: `Unknown extension ${node.url}.` });
      }
    }
    // References: every one resolves to an entry of this Bundle.
    if (typeof node.reference === "string" && !fullUrls.has(node.reference)) {
      problems.push({ path: `${path}.reference`, message: "The reference names no entry of this Bundle." });
    }
  });

  entries.forEach((entry, index) => {
    const resource = isObject(entry) ? entry.resource : undefined;
    if (!isObject(resource) || resource.resourceType !== "Observation") return;
    const code = firstCoding(resource.code);
    const answer = firstCoding(resource.valueCodeableConcept);
    const path = `entry[${String(index)}].resource`;
    if (!code || !answer) return;
    const expected = itemQuestionCodes.has(key(code))
      ? itemAnswerCodes
      : key(code) === key(difficultyQuestion)
        ? difficultyAnswerCodes
        : null;
    if (expected && !expected.has(key(answer))) {
      problems.push({
        path: `${path}.valueCodeableConcept`,
        message: `${text(answer.code)} does not answer ${text(code.code)}.`,
      });
    }
  });
  return problems;
}
