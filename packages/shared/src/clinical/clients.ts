// Clients and their interpersonal inventory: the wire shapes for the API and the web.
import { z } from "zod";
import { pageQuery, paginated } from "../common/pagination";
import { shortText } from "../common/text";
import { timeOfDay } from "../dates/schemas";
import { flag } from "../ipt";
import { measureSummary } from "../measures/results";
import {
  clientStatus,
  closenessRing,
  courseFormat,
  courseOutcome,
  coursePhase,
  lifeEventKind,
  sessionPhase,
} from "../ipt/vocabulary";

export const entityId = z.uuid("Must be an id.");
/** Optimistic concurrency: the version the client last read; a stale one gets 409. */
export const version = z.int("Must be a whole number.").min(1, "Must be 1 or more.");
export const isoDate = z.iso.date("Use a date like 2026-01-31.");

/**
 * When a session is: its date and time of day in the service's time zone, its length, and the
 * instant it starts (UTC). Spread into every shape that carries a session's date.
 */
export const sessionWhen = {
  plannedDate: isoDate,
  startTime: timeOfDay,
  durationMinutes: z.int(),
  startsAt: z.iso.datetime(),
};

/** Free text (notes): format characters stay allowed, emoji sequences need the zero-width joiner. */
const text = (max: number, empty = "This field is required.") => z.string().trim().min(1, empty).max(max);
/** Free text that may be left blank. */
const optionalText = (max: number) => z.string().trim().max(max);

export const clientParams = z.object({ clientId: entityId });
export const personParams = z.object({ clientId: entityId, personId: entityId });
export const lifeEventParams = z.object({ clientId: entityId, eventId: entityId });

const currentYear = new Date().getUTCFullYear();
export const clientFields = {
  displayName: shortText(80, "Enter a name or code for the client."),
  yearOfBirth: z
    .int("Enter a year like 1984.")
    .min(1900, "Enter a year after 1900.")
    .max(currentYear, "The year of birth cannot be in the future."),
  referralReason: text(2000, "Enter the reason for referral."),
  workingDiagnosis: shortText(200),
  /** Optional, for sending questionnaires; stored trimmed and lower-cased. */
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "Use at most 254 characters.")
    .pipe(z.email("Enter a valid email address, like name@example.org.")),
};

export const createClientRequest = z.strictObject({
  displayName: clientFields.displayName,
  yearOfBirth: clientFields.yearOfBirth.nullable().optional(),
  referralReason: clientFields.referralReason,
  workingDiagnosis: clientFields.workingDiagnosis.optional(),
  email: clientFields.email.nullable().optional(),
});
export type CreateClientRequest = z.infer<typeof createClientRequest>;

export const updateClientRequest = z
  .strictObject({
    version,
    displayName: clientFields.displayName.optional(),
    yearOfBirth: clientFields.yearOfBirth.nullable().optional(),
    referralReason: clientFields.referralReason.optional(),
    workingDiagnosis: clientFields.workingDiagnosis.optional(),
    email: clientFields.email.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 1, { message: "Change at least one field." });
export type UpdateClientRequest = z.infer<typeof updateClientRequest>;

export const courseSummary = z.object({
  id: z.uuid(),
  sequence: z.int(),
  format: courseFormat,
  phase: coursePhase,
  plannedSessions: z.int(),
  startDate: isoDate,
  outcome: courseOutcome.nullable(),
});
export type CourseSummary = z.infer<typeof courseSummary>;

export const clientDetail = z.object({
  id: z.uuid(),
  displayName: z.string(),
  yearOfBirth: z.int().nullable(),
  /** The therapist's own record only: supervisors' views never carry it. */
  email: z.string().nullable(),
  referralReason: z.string(),
  workingDiagnosis: z.string(),
  status: clientStatus,
  version: z.int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Oldest first; the last one is the current course. */
  courses: z.array(courseSummary),
});
export type ClientDetail = z.infer<typeof clientDetail>;

/** One row of the therapist's caseload. */
export const caseloadEntry = z.object({
  id: z.uuid(),
  displayName: z.string(),
  status: clientStatus,
  course: z
    .object({
      id: z.uuid(),
      format: courseFormat,
      phase: coursePhase,
      /** Sessions held so far (n of N). */
      sessionsHeld: z.int(),
      plannedSessions: z.int(),
    })
    .nullable(),
  nextSession: z.object({ number: z.int(), ...sessionWhen, phase: sessionPhase }).nullable(),
  /** Latest scores, change from baseline and outcome status of the current course. */
  measures: measureSummary.nullable(),
  /** Risk and measurement alerts first, then course flags. */
  flags: z.array(flag),
});
export type CaseloadEntry = z.infer<typeof caseloadEntry>;

export const caseloadQuery = pageQuery.extend({
  q: z.string().trim().max(80).optional(),
  status: clientStatus.optional(),
  phase: coursePhase.optional(),
  flagged: z.enum(["true", "false"]).optional(),
});
export type CaseloadQuery = z.infer<typeof caseloadQuery>;
export const caseloadResponse = paginated(caseloadEntry);
export type CaseloadResponse = z.infer<typeof caseloadResponse>;

// --- Interpersonal inventory [S10a][S20e][S12b] ---

export const inventoryPersonFields = {
  label: shortText(80, "Enter a name or label for this person."),
  relationship: shortText(80, "Enter the relationship, e.g. partner or colleague."),
  ring: closenessRing,
  positives: optionalText(2000),
  negatives: optionalText(2000),
  expectations: optionalText(2000),
  changesNearOnset: optionalText(2000),
  support: optionalText(2000),
};

export const createPersonRequest = z.strictObject({
  label: inventoryPersonFields.label,
  relationship: inventoryPersonFields.relationship,
  ring: inventoryPersonFields.ring,
  positives: inventoryPersonFields.positives.default(""),
  negatives: inventoryPersonFields.negatives.default(""),
  expectations: inventoryPersonFields.expectations.default(""),
  changesNearOnset: inventoryPersonFields.changesNearOnset.default(""),
  support: inventoryPersonFields.support.default(""),
});
export type CreatePersonRequest = z.input<typeof createPersonRequest>;

export const updatePersonRequest = z.strictObject({
  version,
  label: inventoryPersonFields.label.optional(),
  relationship: inventoryPersonFields.relationship.optional(),
  ring: inventoryPersonFields.ring.optional(),
  positives: inventoryPersonFields.positives.optional(),
  negatives: inventoryPersonFields.negatives.optional(),
  expectations: inventoryPersonFields.expectations.optional(),
  changesNearOnset: inventoryPersonFields.changesNearOnset.optional(),
  support: inventoryPersonFields.support.optional(),
});
export type UpdatePersonRequest = z.infer<typeof updatePersonRequest>;

export const inventoryPerson = z.object({
  id: z.uuid(),
  label: z.string(),
  relationship: z.string(),
  ring: closenessRing,
  positives: z.string(),
  negatives: z.string(),
  expectations: z.string(),
  changesNearOnset: z.string(),
  support: z.string(),
  version: z.int(),
});
export type InventoryPerson = z.infer<typeof inventoryPerson>;

export const createLifeEventRequest = z.strictObject({
  occurredOn: isoDate,
  kind: lifeEventKind,
  description: shortText(500, "Describe the event in a few words."),
  personId: entityId.nullable().optional(),
});
export type CreateLifeEventRequest = z.infer<typeof createLifeEventRequest>;

export const updateLifeEventRequest = z.strictObject({
  version,
  occurredOn: isoDate.optional(),
  kind: lifeEventKind.optional(),
  description: shortText(500, "Describe the event in a few words.").optional(),
  personId: entityId.nullable().optional(),
});
export type UpdateLifeEventRequest = z.infer<typeof updateLifeEventRequest>;

export const lifeEvent = z.object({
  id: z.uuid(),
  occurredOn: isoDate,
  kind: lifeEventKind,
  description: z.string(),
  personId: z.uuid().nullable(),
  version: z.int(),
});
export type LifeEvent = z.infer<typeof lifeEvent>;

/** The whole inventory: people on the closeness circle and the timeline of life events (oldest first). */
export const inventoryResponse = z.object({
  people: z.array(inventoryPerson),
  lifeEvents: z.array(lifeEvent),
});
export type InventoryResponse = z.infer<typeof inventoryResponse>;

/** Removing a record needs the version read, like any other write. */
export const versionQuery = z.object({ version: z.coerce.number().pipe(version) });
