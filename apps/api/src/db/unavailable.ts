// Tells "the database cannot be reached or is too busy right now" apart from every other failure, so
// the API answers 503 with Retry-After (try again) instead of 500 (our bug). The shapes below were
// found by stopping, restarting and crashing a real PostgreSQL under @prisma/adapter-pg:
// - Prisma errors whose adapter cause is a socket failure (`DatabaseNotReachable` …) or a PostgreSQL
//   error of a class that means "not now" (57P01 terminated by the administrator, 57P03 starting up
//   or in recovery, 08xxx connection exceptions, 53300 too many connections);
// - raw pg and pg-pool errors Prisma passes through unchanged, which carry no code, only a message
//   ("Connection terminated unexpectedly", "timeout exceeded when trying to connect");
// - Prisma's own "could not start a transaction in time" (every pooled connection was busy).

const UNREACHABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "EHOSTUNREACH",
]);
const PG_CLIENT_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
];
const BUSY_TRANSACTION_MESSAGES = [
  /Unable to start a transaction in the given time/,
  /cannot be executed on an expired transaction/,
];

const isNotNowSqlState = (code: string) =>
  code.startsWith("08") || ["57P01", "57P02", "57P03", "53300"].includes(code);

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose | undefined =>
  typeof value === "object" && value !== null ? (value as Loose) : undefined;
const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The error itself, its cause chain and Prisma's adapter cause (`meta.driverAdapterError.cause`). */
function layers(error: unknown): Loose[] {
  const found: Loose[] = [];
  const visit = (value: unknown, depth: number) => {
    const object = asObject(value);
    if (!object || depth > 4 || found.includes(object)) return;
    found.push(object);
    visit(object.cause, depth + 1);
    const meta = asObject(object.meta);
    if (meta) {
      visit(meta, depth + 1);
      visit(meta.driverAdapterError, depth + 1);
    }
  };
  visit(error, 0);
  return found;
}

function layerSaysUnavailable(layer: Loose): boolean {
  const code = text(layer.code);
  const message = text(layer.message);
  if (UNREACHABLE_KINDS.has(text(layer.kind))) return true;
  if (layer.kind === "postgres" && isNotNowSqlState(code)) return true;
  if (isNotNowSqlState(text(layer.originalCode))) return true;
  if (UNREACHABLE_PRISMA_CODES.has(code) || SOCKET_CODES.has(code)) return true;
  if (code === "P2028" && BUSY_TRANSACTION_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // A pg error with a severity carries a SQLSTATE; the raw client errors have neither.
  if (typeof layer.severity === "string" && isNotNowSqlState(code)) return true;
  return !code && PG_CLIENT_MESSAGES.some((pattern) => pattern.test(message));
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return layers(error).some(layerSaysUnavailable);
}
