// One course as a FHIR R4 Bundle of type "collection" (docs/decisions/018): Patient, Condition,
// CarePlan (with its histories), the interpersonal inventory (RelatedPersons and life-event
// Observations), Goals, Encounters, QuestionnaireResponses and Observations, Flags, Provenance, and the
// supervision records (review threads as Tasks with their messages as Communications, fidelity ratings
// as Observations). Entries refer to each other by urn:uuid fullUrls; no server ids.
// A maintenance course's Bundle also carries the acute course it continues, whole, as a second
// CarePlan (with its own records) that the maintenance CarePlan `replaces`; the Patient, Condition and
// the client's inventory appear once (docs/decisions/018).
import type { Bundle, BundleEntry, CarePlan, Resource } from "@medplum/fhirtypes";
import { carePlanOf, goalsOf } from "./care-plan";
import { encounterOf, isEncounter } from "./encounters";
import { ref, stableUuid, urnOf } from "./extensions";
import type { ExportOptions, ExportSource } from "./export-source";
import { flagOf } from "./flags";
import { withHistories } from "./histories";
import { inventoryEntries } from "./inventory";
import { scoreEntries, scoreUrls } from "./measures";
import { conditionOf, patientOf } from "./patient-condition";
import { coSignatureOf, sessionSignatureOf } from "./provenance";
import { supervisionEntries } from "./supervision";

/** JSON FHIR allows no empty arrays or objects: drop them (and undefined) everywhere. */
export function pruned<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(pruned).filter((item) => !isEmpty(item)) as T;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, pruned(item)] as const)
      .filter(([, item]) => !isEmpty(item));
    return Object.fromEntries(entries) as T;
  }
  return value;
}
const isEmpty = (value: unknown) =>
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);

/**
 * The course's Bundle. `acute`: for a maintenance course, the acute course it continues (required:
 * a maintenance course's Bundle alone cannot be imported), exported whole before it.
 */
export function courseBundle(
  source: ExportSource,
  options: ExportOptions,
  timestamp: Date,
  acute: ExportSource | null = null,
): Bundle {
  const own = courseEntries(source, options, acute ? urnOf(acute.id) : null);
  const entries = acute ? [...courseEntries(acute, options, null), ...own] : own;
  // Shared entries (the Patient, the Condition, the client's inventory) have one fullUrl: kept once.
  const seen = new Set<string>();
  const unique = entries.filter((entry) => !seen.has(entry.fullUrl) && seen.add(entry.fullUrl));
  return pruned({
    resourceType: "Bundle",
    type: "collection",
    timestamp: timestamp.toISOString(),
    entry: unique.map((entry): BundleEntry => ({ fullUrl: entry.fullUrl, resource: entry.resource })),
  });
}

function courseEntries(
  source: ExportSource,
  options: ExportOptions,
  replacesUrl: string | null,
): { fullUrl: string; resource: Resource }[] {
  const patientUrl = urnOf(stableUuid("patient", options.pseudonym));
  const carePlanUrl = urnOf(source.id);
  const condition = conditionOf(source, patientUrl);
  // The client's working diagnosis: one Condition per client, the same in each of its courses.
  const conditionUrl = condition ? urnOf(stableUuid("condition", options.pseudonym)) : null;
  const encounterUrls = new Map(source.sessions.filter(isEncounter).map((s) => [s.id, urnOf(s.id)]));
  const encounterUrlOf = (sessionId: string) => encounterUrls.get(sessionId) ?? null;
  const goals = goalsOf(source, patientUrl);
  const therapistId = source.client.therapistId;

  return [
    { fullUrl: patientUrl, resource: patientOf(source, options) },
    ...(condition && conditionUrl ? [{ fullUrl: conditionUrl, resource: condition }] : []),
    {
      fullUrl: carePlanUrl,
      resource: withHistories(
        withReplaces(
          carePlanOf(
            source,
            {
              patient: patientUrl,
              condition: conditionUrl,
              goals: goals.map((g) => g.fullUrl),
              encounterOf: encounterUrlOf,
            },
            options.timeZone,
          ),
          replacesUrl,
        ),
        source,
      ),
    },
    ...inventoryEntries(source.client, patientUrl, options.includeIdentifyingDetails),
    ...goals,
    ...source.sessions.filter(isEncounter).map((session) => ({
      fullUrl: urnOf(session.id),
      resource: encounterOf(session, { patient: patientUrl }, therapistId, options.timeZone),
    })),
    ...source.measureScores.flatMap((score) =>
      scoreEntries(score, { patient: patientUrl, encounterOf: encounterUrlOf }),
    ),
    ...source.riskFlags.flatMap((flag) => {
      const score = source.measureScores.find((s) => s.id === flag.scoreId);
      if (!score) return [];
      return [
        {
          fullUrl: urnOf(flag.id),
          resource: flagOf(flag, {
            patient: patientUrl,
            scorePanel: scoreUrls(score).panel,
            encounterOf: encounterUrlOf,
          }),
        },
      ];
    }),
    ...source.sessions.flatMap((session) => {
      const encounter = encounterUrlOf(session.id);
      const provenance = encounter ? sessionSignatureOf(session, encounter) : null;
      return provenance
        ? [{ fullUrl: urnOf(stableUuid("signature", session.id)), resource: provenance }]
        : [];
    }),
    ...source.coSignatures.map((coSignature) => ({
      fullUrl: urnOf(coSignature.id),
      resource: coSignatureOf(
        coSignature,
        (coSignature.sessionId ? encounterUrlOf(coSignature.sessionId) : null) ?? carePlanUrl,
      ),
    })),
    ...supervisionEntries(source, {
      patient: patientUrl,
      carePlan: carePlanUrl,
      encounterOf: encounterUrlOf,
    }),
  ];
}

/** A maintenance course's CarePlan `replaces` the acute course's: R4's "completed or terminated care
 *  plan whose function is taken by this new care plan … the previous care plan was completed, but the
 *  need for the action described by the care plan remains ongoing" — maintenance after acute IPT. */
const withReplaces = (plan: CarePlan, replacesUrl: string | null): CarePlan =>
  replacesUrl ? { ...plan, replaces: [ref(replacesUrl)] } : plan;
