// Soft delete. A therapist may remove an inventory person, a life event or (through a plan edit or a
// new contract) a planned session; the row stays with `deletedAt` set, and the database refuses any
// DELETE on clinical tables. Every read of those three tables filters with `live`.
import type { Prisma } from "../db/prisma";

export const live = { deletedAt: null };

/** The update that removes a row: stamps it, and bumps the version so a stale write misses it. */
export const removal = () => ({ deletedAt: new Date(), version: { increment: 1 } });

/** A review thread about the course itself, or about a session that was not removed. */
export const onLiveSession = {
  OR: [{ sessionId: null }, { session: live }],
} satisfies Prisma.ReviewThreadWhereInput;
