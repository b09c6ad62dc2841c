// The way back for supervisors' co-signatures: each co-signature Provenance (fhir/provenance.ts) read
// into a row that keeps its signer as the Bundle named them — a user identifier of the exporting
// instance, never a local user (docs/decisions/018) — its time, note and the fingerprint of what was
// co-signed, so the co-sign view shows it as the history it is ("Imported: <reference>", with its
// time) and compares it with the content as it stands here, as any co-signature.
import { reviewTarget, USER_SYSTEM, type SessionStatus } from "@ipt/shared";
import type { BundleEntry, Provenance } from "@medplum/fhirtypes";
import { z } from "zod";
import { ExtensionReader, located } from "./extension-reader";
import type { FhirProblem } from "./structure-validation";
import { userIdentifierOf } from "./supervision";

export interface ImportedCoSignature {
  /** Null for the formulation or the plan. */
  sessionSourceId: string | null;
  target: z.infer<typeof reviewTarget>;
  fingerprint: string;
  note: string;
  createdAt: string;
  /** The signer's user identifier in the exporting instance. */
  supervisorExternal: string;
}

const instant = z.iso.datetime({ offset: true });
const sha256Hex = /^[0-9a-f]{64}$/;
/** The API's own limit on a co-signature's note (coSignRequest). */
const NOTE_MAX = 2000;

/** Reads the co-signatures back, each problem at its path; session co-signatures only of held
 *  sessions of the plan, as the API co-signs only those. */
export function readCoSignatures(
  entries: BundleEntry[],
  sessions: { sourceId: string; status: SessionStatus }[],
  problems: FhirProblem[],
): ImportedCoSignature[] {
  const statusOf = new Map(sessions.map((s) => [s.sourceId, s.status]));
  const at = (path: string, message: string) => problems.push({ path, message });
  return located<Provenance>(entries, "Provenance").flatMap(({ resource, path }) => {
    const ext = new ExtensionReader(resource.extension, path, problems);
    if (ext.string("provenance-kind") !== "co-signature") return [];
    const target = ext.code("cosignature-target", reviewTarget, true);
    const fingerprint = ext.string("cosignature-fingerprint", true);
    const note = ext.string("cosignature-note") ?? "";
    const sessionSourceId = ext.string("session-id");
    if (fingerprint !== null && !sha256Hex.test(fingerprint))
      at(`${path}.extension`, "A co-signature's fingerprint is a SHA-256 in hexadecimal.");
    if (note.length > NOTE_MAX) at(`${path}.extension`, "Keep the note under 2,000 characters.");
    if (target === "session" && (!sessionSourceId || statusOf.get(sessionSourceId) !== "held"))
      at(`${path}.extension`, "A session's co-signature names a held session of the plan.");
    if (target !== null && target !== "session" && sessionSourceId)
      at(`${path}.extension`, "Only a session's co-signature names a session.");
    const createdAt = instant.safeParse(resource.recorded).success ? resource.recorded : null;
    if (!createdAt)
      at(`${path}.recorded`, "The co-signature's time must be a date and time with its offset.");
    const supervisorExternal = userIdentifierOf(resource.agent[0]?.who);
    if (!supervisorExternal)
      at(`${path}.agent[0].who`, `A co-signature names its signer by an identifier of ${USER_SYSTEM}.`);
    if (!target || !fingerprint || !createdAt || !supervisorExternal) return [];
    return [
      {
        sessionSourceId: target === "session" ? sessionSourceId : null,
        target,
        fingerprint,
        note,
        createdAt,
        supervisorExternal,
      },
    ];
  });
}
