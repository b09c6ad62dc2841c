import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../generated/prisma/client";

export type { PrismaClient } from "../generated/prisma/client";
export { Prisma } from "../generated/prisma/client";

export interface PoolOptions {
  /**
   * How long a query waits for a free pooled connection (or a new one to open) before it fails; pg
   * waits forever by default, which under overload or a hung server turns into requests that never
   * end. The failure answers 503 (db/unavailable.ts).
   */
  poolTimeoutMs?: number;
  /**
   * A pooled connection lost while idle or inside a transaction (the server restarted or ended it).
   * The adapter already listens for these, so they cannot crash the process; the pool drops the
   * connection and opens a new one on the next query. Called with PostgreSQL's message only.
   */
  onConnectionLost?: (message: string) => void;
}

export function createPrismaClient(
  databaseUrl: string,
  poolSize = 10,
  { poolTimeoutMs = 5_000, onConnectionLost }: PoolOptions = {},
): PrismaClient {
  const lost = (error: Error) => onConnectionLost?.(error.message);
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: poolTimeoutMs },
    { onPoolError: lost, onConnectionError: lost },
  );
  // A transaction waits for its connection as long as any other query does (Prisma's own default
  // is 2 s, which would answer 503 before the pool's timeout).
  return new PrismaClient({ adapter, transactionOptions: { maxWait: poolTimeoutMs } });
}

/** A transaction's client: inside `$transaction(async (tx) => …)` only `tx` is used. */
export type Tx = Prisma.TransactionClient;
/** The app's client or a transaction's: for reads and writes that work in either. */
export type Db = PrismaClient | Tx;
