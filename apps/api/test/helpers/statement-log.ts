// Statements and round trips per request, counted at the pg pool (so BEGIN, COMMIT and statements the
// database refuses count too), and the exact statements of a request (text, parameters, connection)
// for replaying them with a raw pg pool (bench/raw-floor.ts) or explaining them (bench/explain.ts).
//
// A round trip is a wait for the database: a statement sent while none of the same request is in
// flight starts one; statements sent while another is still in flight (Promise.all on several
// connections) share it. Counted this way only while one request runs at a time.
import type pg from "pg";

export interface LoggedStatement {
  text: string;
  values: unknown[] | undefined;
  /** The prepared statement's name, when it was sent as one (db/prisma.ts, statementNames). */
  name?: string;
  /** Which pool connection sent it (1, 2, … in order of first use): transactions stay on one. */
  connection: number;
  /** The round trip it belongs to (1, 2, …, counted from the start of the capture). */
  roundTrip: number;
}

export interface StatementLog {
  /** Every statement sent since the log was attached. */
  readonly statements: number;
  /** Every round trip since the log was attached (meaningful while one request runs at a time). */
  readonly roundTrips: number;
  /** Wraps the pool's connections; call before the pool connects. */
  attach(pool: pg.Pool): void;
  /** Records the statements sent until `stop`, for replay or EXPLAIN. */
  capture(): void;
  stop(): LoggedStatement[];
}

export function statementLog(): StatementLog {
  let statements = 0;
  let roundTrips = 0;
  let inFlight = 0;
  let captured: LoggedStatement[] | null = null;
  let captureStart = 0;
  const connections = new WeakMap<object, number>();
  let nextConnection = 1;
  return {
    get statements() {
      return statements;
    },
    get roundTrips() {
      return roundTrips;
    },
    attach(pool) {
      pool.on("connect", (client) => {
        connections.set(client, nextConnection++);
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
          statements += 1;
          if (inFlight === 0) roundTrips += 1;
          inFlight += 1;
          if (captured) {
            const first = args[0] as string | { text: string; values?: unknown[] };
            const text = typeof first === "string" ? first : first.text;
            const values = typeof first === "string" ? (args[1] as unknown[] | undefined) : first.values;
            const name = typeof first === "string" ? undefined : (first as { name?: string }).name;
            captured.push({
              text,
              values,
              ...(name ? { name } : {}),
              connection: connections.get(client) ?? 0,
              roundTrip: roundTrips - captureStart,
            });
          }
          // pg-pool passes a callback (its query() is callback-based inside); Prisma's transactions
          // call the connection without one and get a promise.
          let settled = false;
          const settle = () => {
            if (!settled) inFlight -= 1;
            settled = true;
          };
          const callback = args.findIndex((arg) => typeof arg === "function");
          if (callback >= 0) {
            const original = args[callback] as (...results: unknown[]) => unknown;
            args[callback] = (...results: unknown[]) => {
              settle();
              return original(...results);
            };
          }
          const result = query(...args);
          if (result instanceof Promise) void result.finally(settle).catch(() => {});
          else if (callback < 0) settle();
          return result;
        };
      });
    },
    capture() {
      captured = [];
      captureStart = roundTrips;
    },
    stop() {
      const result = captured ?? [];
      captured = null;
      return result;
    },
  };
}
