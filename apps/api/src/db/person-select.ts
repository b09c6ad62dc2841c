import type { Prisma } from "./prisma";

/** A user as a record names them (therapist, author, signer, supervisor): id, name and email only. */
export const personSelect = { id: true, name: true, email: true } satisfies Prisma.UserSelect;
