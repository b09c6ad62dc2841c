// The error shapes below are the ones @prisma/adapter-pg and pg produced against a real PostgreSQL
// that was stopped, restarted, crashed or had every pooled connection busy (see unavailable.ts).
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

const prismaError = (code: string, meta: Record<string, unknown>, message = "Invalid invocation") =>
  Object.assign(new Error(message), { name: "PrismaClientKnownRequestError", code, meta });
const postgres = (code: string) => ({ kind: "postgres", code, severity: "FATAL", message: "…" });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["server not listening (model query)", prismaError("P1001", { kind: "DatabaseNotReachable" })],
    [
      "server not listening (raw query)",
      prismaError("P2010", { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } }),
    ],
    [
      "connection ended by the administrator or a shutdown",
      prismaError("P2010", { driverAdapterError: { cause: postgres("57P01") } }),
    ],
    ["server starting up or in recovery", prismaError("P2039", postgres("57P03"))],
    ["too many connections", prismaError("P2039", { kind: "TooManyConnections" })],
    ["connection reset", prismaError("P2039", { kind: "ConnectionClosed" })],
    ["a backend killed mid-query", new Error("Connection terminated unexpectedly")],
    ["every pooled connection busy", new Error("timeout exceeded when trying to connect")],
    [
      "no connection for a transaction in time",
      prismaError("P2028", {}, "Transaction API error: Unable to start a transaction in the given time."),
    ],
    ["a socket error", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })],
  ])("%s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", prismaError("P2002", { driverAdapterError: { cause: postgres("23505") } })],
    ["a missing database (misconfiguration)", prismaError("P2039", { kind: "DatabaseDoesNotExist" })],
    ["a failed trigger", prismaError("P2010", { driverAdapterError: { cause: postgres("P0001") } })],
    ["a cancelled statement", prismaError("P2010", { driverAdapterError: { cause: postgres("57014") } })],
    ["an unknown transaction", prismaError("P2028", {}, "Transaction API error: Transaction not found.")],
    ["our own bug", new TypeError("Cannot read properties of undefined")],
    ["a message that merely mentions a timeout", new Error("timeout")],
    ["not an error", "Connection terminated unexpectedly"],
  ])("not %s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
