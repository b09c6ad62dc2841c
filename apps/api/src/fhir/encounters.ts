// An Encounter per held session: its time, the therapist, and the session record (agenda, techniques,
// notes, …) in extensions, since FHIR has no elements for them.
import { ENCOUNTER_CLASS, fromDateColumn, fromZoned, snomedCodes } from "@ipt/shared";
import type { Encounter } from "@medplum/fhirtypes";
import { canonicalJson, complexExtension, extension, ref } from "./extensions";
import type { ExportSession } from "./export-source";
import { userReference } from "./provenance";

export const isEncounter = (session: ExportSession) => session.status === "held";

export function encounterOf(
  session: ExportSession,
  urls: { patient: string },
  therapistId: string,
  timeZone: string,
): Encounter {
  const start = fromZoned(fromDateColumn(session.plannedDate), session.startTime, timeZone);
  const end = new Date(start.getTime() + session.durationMinutes * 60_000);
  return {
    resourceType: "Encounter",
    extension: [
      ...extension("session-id", session.id),
      ...extension("agenda", canonicalJson(session.agenda)),
      ...session.techniques.flatMap((technique) => extension("technique", technique)),
      ...extension("incident", session.incident),
      ...extension("notes", session.notes),
      ...extension("between-session-work", session.betweenSessionWork),
      ...extension("next-focus", session.nextFocus),
      ...extension("risk-review-done", session.riskReviewDone),
      ...extension("risk-review-note", session.riskReviewNote),
      // IPT-A: whether a parent or carer attended, and how (shared ipt/parent-attendance).
      ...extension("parent-attendance", session.parentAttendance),
      // Corrections appended after signing, in order; the signed record itself is unchanged.
      ...session.amendments.map((amendment) =>
        complexExtension("amendment", {
          reason: amendment.reason,
          text: amendment.text,
          createdAt: amendment.createdAt,
        }),
      ),
    ],
    status: "finished",
    class: { system: ENCOUNTER_CLASS, code: "AMB", display: "ambulatory" },
    type: [{ coding: [snomedCodes.interpersonalPsychotherapy] }],
    subject: ref(urls.patient),
    participant: [{ individual: userReference(therapistId) }],
    period: { start: start.toISOString(), end: end.toISOString() },
    length: { value: session.durationMinutes, unit: "min", system: "http://unitsofmeasure.org", code: "min" },
  };
}
