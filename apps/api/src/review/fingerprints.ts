// Fingerprints of what a supervisor co-signs: the sha256 of the canonical JSON of a formulation, a plan
// or a session record (with its amendments). A co-signature stores the fingerprint of the moment it
// was given; a different fingerprint now means the content changed since ("changed_since"). Only the
// fields that make up the content count, so a version bump or an unrelated edit changes nothing, and
// no row ids count either, so the same content brought by a FHIR import (new ids) matches.
import { createHash } from "node:crypto";
import type { Prisma } from "../db/prisma";

/** The formulation: the chosen problem areas, the dispute stage, the modifier and the agreed text. */
export const formulationContentSelect = {
  primaryArea: true,
  secondaryArea: true,
  disputeStage: true,
  sensitivityModifier: true,
  formulation: true,
  formulationAgreedOn: true,
} satisfies Prisma.CourseSelect;

/** The plan: the treatment contract's terms. */
export const planContentSelect = {
  format: true,
  plannedSessions: true,
  frequency: true,
  sessionMinutes: true,
  terminationLead: true,
  contractAgreedOn: true,
  missedSessionPolicy: true,
} satisfies Prisma.CourseSelect;

const sessionRecordSelect = {
  agenda: true,
  techniques: true,
  incident: true,
  notes: true,
  betweenSessionWork: true,
  nextFocus: true,
  status: true,
  signedAt: true,
} satisfies Prisma.TherapySessionSelect;

/** A session: its record and the amendments appended since it was signed (their id only for the
 *  fingerprints given before amendments counted by content, sessionFingerprints). */
export const sessionContentSelect = {
  ...sessionRecordSelect,
  amendments: { select: { id: true, reason: true, text: true, createdAt: true } },
} satisfies Prisma.TherapySessionSelect;

type FormulationContent = Prisma.CourseGetPayload<{ select: typeof formulationContentSelect }>;
type PlanContent = Prisma.CourseGetPayload<{ select: typeof planContentSelect }>;
type SessionContent = Prisma.TherapySessionGetPayload<{ select: typeof sessionContentSelect }>;

/** JSON with object keys sorted at every depth and dates as ISO strings: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Picks exactly the selected fields, so a row read with a wider select hashes the same. */
function pick<K extends string>(row: Record<NoInfer<K>, unknown>, select: Record<K, unknown>) {
  return Object.fromEntries(Object.keys(select).map((key) => [key, row[key as K]]));
}

export const formulationFingerprint = (course: FormulationContent) =>
  sha256(canonicalJson(pick(course, formulationContentSelect)));

export const planFingerprint = (course: PlanContent) =>
  sha256(canonicalJson(pick(course, planContentSelect)));

/** A session's fingerprint: its record and its amendments by content (reason, text, time), sorted, so
 *  the set counts and not the order a query returned them in, nor their ids (which an import renews). */
export function sessionFingerprint(session: SessionContent) {
  const amendments = session.amendments
    .map(({ reason, text, createdAt }) => canonicalJson({ reason, text, createdAt }))
    .sort();
  return sha256(canonicalJson({ ...pick(session, sessionRecordSelect), amendments }));
}

/** The fingerprints a co-signature of the session as it stands may hold: today's (by content), and the
 *  one given before amendments counted by content (by their ids; the same as today's for a session
 *  without amendments), so co-signatures recorded then still cover what they covered. */
export function sessionFingerprints(session: SessionContent): [string, string] {
  const amendmentIds = session.amendments.map((amendment) => amendment.id).sort();
  const byIds = sha256(canonicalJson({ ...pick(session, sessionRecordSelect), amendments: amendmentIds }));
  return [sessionFingerprint(session), byIds];
}
