import { importedAuthorName, type RecordAuthor } from "@ipt/shared";
import { required } from "../errors/required";
import type { Prisma } from "./prisma";

/** A user as a record names them (therapist, author, signer, supervisor): id, name and email only. */
export const personSelect = { id: true, name: true, email: true } satisfies Prisma.UserSelect;

/**
 * A supervision record's author as the wire shows it: the local user, or — for a supervisor's record
 * imported from another instance's FHIR Bundle — the reference the Bundle gave, shown as
 * "Imported: <reference>" (docs/decisions/018). The database keeps exactly one of the two.
 */
export function recordAuthorOf(
  user: { id: string; name: string; email: string } | null,
  external: string | null,
): RecordAuthor {
  if (user) return { ...user, external: null };
  const reference = required(external, "The record's author");
  return { id: null, name: importedAuthorName(reference), email: "", external: reference };
}
