// How a service runs its one transaction. By default a plain Prisma transaction; a caller may wrap it
// (idempotency keys claim the key and store the answer inside the same transaction).
import type { Prisma, PrismaClient } from "./prisma";

export type TransactionRunner = <T>(work: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;

export const plainTransaction =
  (prisma: PrismaClient): TransactionRunner =>
  (work) =>
    prisma.$transaction(work);
