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

/** Most statements one process prepares (on each pooled connection). */
const PREPARED_STATEMENTS = 100;
/** Distinct texts remembered while waiting for a second use before the record starts again. */
const SIGHTINGS = 10_000;

/**
 * Names the app's repeated statements, so that each pooled connection parses and plans them once
 * and then only binds and executes them (docs/decisions/024, "Prepared statements"). The adapter's
 * default sends every statement unnamed, which PostgreSQL parses and plans again on every call: for
 * the caseload's page that was a third of its database CPU, for the session lookup on every request
 * four fifths. A parameterised statement is named the second time its text is sent, up to
 * PREPARED_STATEMENTS names a process (so each connection holds at most that many; Prisma 6's engine
 * kept 100 a connection): a text that varies (an `IN` list's length) is not prepared for good on
 * every connection. One without parameters stays on the simple protocol (it may hold several
 * commands). A text keeps its name for the life of the process, as pg requires. One generator per
 * client.
 */
export function statementNames(): (query: { sql: string; args: readonly unknown[] }) => string {
  const names = new Map<string, string>();
  const seen = new Set<string>();
  return ({ sql, args }) => {
    if (args.length === 0) return "";
    const name = names.get(sql);
    if (name !== undefined) return name;
    if (names.size >= PREPARED_STATEMENTS) return "";
    if (!seen.has(sql)) {
      if (seen.size >= SIGHTINGS) seen.clear();
      seen.add(sql);
      return "";
    }
    seen.delete(sql);
    const next = `ipt_${names.size + 1}`;
    names.set(sql, next);
    return next;
  };
}

export function createPrismaClient(
  databaseUrl: string,
  poolSize = 10,
  { poolTimeoutMs = 5_000, onConnectionLost }: PoolOptions = {},
): PrismaClient {
  const lost = (error: Error) => onConnectionLost?.(error.message);
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: poolTimeoutMs },
    { onPoolError: lost, onConnectionError: lost, statementNameGenerator: statementNames() },
  );
  // A transaction waits for its connection as long as any other query does (Prisma's own default
  // is 2 s, which would answer 503 before the pool's timeout).
  return new PrismaClient({ adapter, transactionOptions: { maxWait: poolTimeoutMs } });
}

/** A transaction's client: inside `$transaction(async (tx) => …)` only `tx` is used. */
export type Tx = Prisma.TransactionClient;
/** The app's client or a transaction's: for reads and writes that work in either. */
export type Db = PrismaClient | Tx;
