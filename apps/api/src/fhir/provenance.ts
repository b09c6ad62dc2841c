// Provenance for the signature of each signed session record (the therapist, on its Encounter) and for
// each supervisor co-signature (of the formulation or plan: the CarePlan; of a session: its Encounter).
// Users travel as identifiers of the exporting instance, never names.
import { iptCodeSystems, PROVENANCE_PARTICIPANT_TYPE, SIGNATURE_TYPE, USER_SYSTEM } from "@ipt/shared";
import type { Practitioner, Provenance, Reference } from "@medplum/fhirtypes";
import { required } from "../errors/required";
import { extension, localCoding, ref } from "./extensions";
import type { ExportCoSignature, ExportSession } from "./export-source";

export const userReference = (userId: string): Reference<Practitioner> => ({
  identifier: { system: USER_SYSTEM, value: userId },
});

/** The author of a supervision record: a user of this instance, or one of the instance the course was
 *  imported from, named by the same identifier the Bundle gave (docs/decisions/018) — so a re-export
 *  names them as the first export did. The database keeps exactly one of the two. */
export const authorReference = (userId: string | null, external: string | null): Reference<Practitioner> =>
  userReference(required(userId ?? external, "The record's author"));

const signature = (
  code: "1.2.840.10065.1.12.1.1" | "1.2.840.10065.1.12.1.5",
  display: string,
  when: Date,
  who: Reference<Practitioner>,
) => ({
  type: [{ system: SIGNATURE_TYPE, code, display }],
  when: when.toISOString(),
  who,
});

/** The therapist's signature of a session record ("Author's Signature"). */
export function sessionSignatureOf(session: ExportSession, encounterUrl: string): Provenance | null {
  if (!session.signedAt || !session.signedById) return null;
  return {
    resourceType: "Provenance",
    extension: [...extension("provenance-kind", "session-signature")],
    target: [ref(encounterUrl)],
    recorded: session.signedAt.toISOString(),
    agent: [
      {
        type: { coding: [{ system: PROVENANCE_PARTICIPANT_TYPE, code: "author", display: "Author" }] },
        who: userReference(session.signedById),
      },
    ],
    signature: [
      signature(
        "1.2.840.10065.1.12.1.1",
        "Author's Signature",
        session.signedAt,
        userReference(session.signedById),
      ),
    ],
  };
}

/** A supervisor's co-signature ("Verification Signature"), with the fingerprint of what was co-signed.
 *  One imported from another instance names its signer as that instance's Bundle did. */
export function coSignatureOf(coSignature: ExportCoSignature, targetUrl: string): Provenance {
  const verifier = authorReference(coSignature.supervisorId, coSignature.supervisorExternal);
  return {
    resourceType: "Provenance",
    extension: [
      ...extension("provenance-kind", "co-signature"),
      ...extension(
        "cosignature-target",
        localCoding(iptCodeSystems.signatureTarget, coSignature.target, coSignature.target),
      ),
      ...extension("cosignature-fingerprint", coSignature.fingerprint),
      ...extension("cosignature-note", coSignature.note),
      ...extension("session-id", coSignature.sessionId),
    ],
    target: [ref(targetUrl)],
    recorded: coSignature.createdAt.toISOString(),
    agent: [
      {
        type: { coding: [{ system: PROVENANCE_PARTICIPANT_TYPE, code: "verifier", display: "Verifier" }] },
        who: verifier,
      },
    ],
    signature: [
      signature("1.2.840.10065.1.12.1.5", "Verification Signature", coSignature.createdAt, verifier),
    ],
  };
}
