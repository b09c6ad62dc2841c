import { z } from "zod";
import { email } from "../auth/auth";
import { role } from "../auth/roles";
import { pageQuery, paginated } from "../common/pagination";
import { shortText } from "../common/text";

export const userId = z.uuid("Must be a user id.");

export const personRef = z.object({ id: z.uuid(), name: z.string(), email: z.string() });
export type PersonRef = z.infer<typeof personRef>;

/** How an author who is not a user of this instance is shown: "Imported: <reference>". */
export const importedAuthorName = (reference: string) => `Imported: ${reference}`;

/**
 * The author of a supervision record (a review thread or message, a fidelity rating): a user of this
 * instance (`external` null), or, for a supervisor's record that came with an imported FHIR Bundle,
 * someone of the exporting instance — `id` null, `external` their user identifier there as the Bundle
 * gave it, `name` "Imported: <reference>", `email` empty. Never attributed to a local user
 * (docs/decisions/018).
 */
export const recordAuthor = z.object({
  id: z.uuid().nullable(),
  name: z.string(),
  email: z.string(),
  external: z.string().nullable(),
});
export type RecordAuthor = z.infer<typeof recordAuthor>;

export const userName = shortText(120, "Enter a name.");

export const adminUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Sign-in is slowed after failed attempts until then (an admin can lift it), or null. */
  signInSlowedUntil: z.iso.datetime().nullable(),
  /** Has a confirmed second factor (an authenticator app). */
  secondFactor: z.boolean(),
  createdAt: z.iso.datetime(),
  /** For therapists: who supervises them. */
  supervisors: z.array(personRef),
  /** For supervisors: whom they supervise. */
  supervisees: z.array(personRef),
});
export type AdminUser = z.infer<typeof adminUser>;

export const listUsersQuery = pageQuery.extend({
  q: z.string().trim().max(120).optional(),
  role: role.optional(),
  active: z.enum(["true", "false"]).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;
export const listUsersResponse = paginated(adminUser);
export type ListUsersResponse = z.infer<typeof listUsersResponse>;

export const userParams = z.object({ userId });
export const assignmentParams = z.object({ userId, supervisorId: userId });

export const createUserRequest = z.strictObject({ email, name: userName, role });
export type CreateUserRequest = z.infer<typeof createUserRequest>;

/** The temporary password is shown once, to the admin who created or reset the account. */
export const temporaryPasswordResponse = z.object({
  user: adminUser,
  temporaryPassword: z.string(),
});
export type TemporaryPasswordResponse = z.infer<typeof temporaryPasswordResponse>;

/** How many sessions an admin's "end all sessions" closed. */
export const endSessionsResponse = z.object({ endedSessions: z.number().int().min(0) });
export type EndSessionsResponse = z.infer<typeof endSessionsResponse>;

export const updateUserRequest = z
  .strictObject({ name: userName.optional(), role: role.optional() })
  .refine((value) => value.name !== undefined || value.role !== undefined, {
    message: "Change the name or the role.",
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

/** The signed-in therapist's current supervisors (for naming whom they informed of a risk). */
export const ownSupervisorsResponse = z.object({ items: z.array(personRef) });
export type OwnSupervisorsResponse = z.infer<typeof ownSupervisorsResponse>;

/** Who can read the signed-in therapist's caseload now, and the changes to that (docs/decisions/025). */
export const caseloadAccessResponse = z.object({
  /** Supervisors assigned now: since when and by whom (null: made before this was recorded). */
  readers: z.array(
    z.object({ supervisor: personRef, since: z.iso.datetime(), grantedBy: personRef.nullable() }),
  ),
  /** Every change, newest first; `seen` once the therapist has acknowledged it. */
  changes: z.array(
    z.object({
      id: z.uuid(),
      change: z.enum(["granted", "revoked"]),
      supervisor: personRef,
      changedAt: z.iso.datetime(),
      changedBy: personRef.nullable(),
      seen: z.boolean(),
    }),
  ),
});
export type CaseloadAccessResponse = z.infer<typeof caseloadAccessResponse>;
