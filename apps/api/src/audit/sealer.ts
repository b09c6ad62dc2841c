// The audit sealer: chains the committed unsealed audit events into the hash chain, in batches, in
// the background of every API process. The work is the SQL function audit_seal (migration
// audit_partitions_and_sealer), which takes the chain's head row with SKIP LOCKED: with several
// API instances one seals while the others find the head taken and wait for their next turn, and a
// sealer killed mid-batch leaves its transaction rolled back, so the next run starts from the last
// committed head. Inserts never wait for it (docs/decisions/022).
import type { PrismaClient } from "../db/prisma";

type Db = Pick<PrismaClient, "$queryRaw">;

export const SEAL_BATCH = 1_000;

/**
 * Seals batches until none is left; returns the events sealed. When another sealer holds the chain's
 * head it returns at once (the background sealer's way), unless `wait` (checks and owner commands:
 * everything committed before the call is sealed when it returns).
 */
export async function sealAuditEvents(
  prisma: Db,
  { batchSize = SEAL_BATCH, wait = false }: { batchSize?: number; wait?: boolean } = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await prisma.$queryRaw<{ sealed: number }[]>`
      SELECT audit_seal(${batchSize}::int, ${wait}) AS sealed`;
    const sealed = row?.sealed ?? 0;
    if (sealed < 0) return total; // another sealer is at work
    total += sealed;
    if (sealed < batchSize) return total;
  }
}

export interface AuditSealer {
  stop(): Promise<void>;
}

/** Runs sealAuditEvents, then again intervalMs after each run ends (never two at once here). */
export function startAuditSealer(
  prisma: Db,
  options: { intervalMs: number; onError: (error: unknown) => void },
): AuditSealer {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = sealAuditEvents(prisma)
      .then(
        () => undefined,
        (error: unknown) => options.onError(error),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs).unref();
      });
  };
  timer = setTimeout(tick, options.intervalMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
