// Patient (pseudonymised unless the user asked for identifying details) and the Condition of the
// working diagnosis: SNOMED CT 370143000 only where the diagnosis names major depressive disorder,
// otherwise its text alone.
import {
  CONDITION_CATEGORY,
  CONDITION_CLINICAL,
  CONDITION_VERIFICATION,
  PATIENT_PSEUDONYM_SYSTEM,
  snomedCodes,
} from "@ipt/shared";
import type { Condition, Patient } from "@medplum/fhirtypes";
import { extension, ref } from "./extensions";
import type { ExportOptions, ExportSource } from "./export-source";

/** "Major depressive disorder", "major depression", "MDD" — not "without major depression". */
const MAJOR_DEPRESSION = /\b(major depressive disorder|major depression|MDD)\b/i;
const NEGATED = /\b(no|not|without|excluded|ruled out)\b/i;

export function namesMajorDepressiveDisorder(diagnosis: string): boolean {
  return MAJOR_DEPRESSION.test(diagnosis) && !NEGATED.test(diagnosis);
}

export function patientOf(source: ExportSource, options: ExportOptions): Patient {
  const { client } = source;
  return {
    resourceType: "Patient",
    identifier: [{ system: PATIENT_PSEUDONYM_SYSTEM, value: options.pseudonym }],
    ...(options.includeIdentifyingDetails
      ? {
          name: [{ text: client.displayName }],
          ...(client.yearOfBirth !== null ? { birthDate: String(client.yearOfBirth) } : {}),
        }
      : {}),
    extension: [
      ...extension("client-status", client.status),
      ...extension("referral-reason", client.referralReason),
    ],
  };
}

export function conditionOf(source: ExportSource, patientUrl: string): Condition | null {
  const diagnosis = source.client.workingDiagnosis;
  if (!diagnosis) return null;
  return {
    resourceType: "Condition",
    clinicalStatus: { coding: [{ system: CONDITION_CLINICAL, code: "active" }] },
    verificationStatus: { coding: [{ system: CONDITION_VERIFICATION, code: "provisional" }] },
    category: [{ coding: [{ system: CONDITION_CATEGORY, code: "problem-list-item" }] }],
    code: {
      ...(namesMajorDepressiveDisorder(diagnosis) ? { coding: [snomedCodes.majorDepressiveDisorder] } : {}),
      text: diagnosis,
    },
    subject: ref(patientUrl),
  };
}
