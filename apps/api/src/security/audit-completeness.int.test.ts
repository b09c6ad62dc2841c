// Proves audit completeness over the authorization matrix (test/security/matrix.ts), against the
// running app and a real PostgreSQL:
// - Every clinical route names its own audit action (test/security/audit-actions.ts): a clinical route
//   missing from ACTIONS fails the suite. The matrix walk (security/authorization-matrix.int.test.ts)
//   checks, for every clinical route × every actor, the events each call writes: an allowed call its
//   event (the route's action, the actor, success) and only the actor's events; a cross-tenant 404 a
//   "denied" event naming the actor and the record tried; a 401/403 no clinical event of success.
// - Same transaction: when the route's own audit insert fails (a test-only trigger refuses that
//   action), a write changes nothing at all, and a read answers 500 without the record's content.
import { describe, expect, it } from "vitest";
import { serverKey } from "../db/server-keys";
import { createTestApp } from "../../test/helpers/app";
import { tableStates, type SnapshotOptions } from "../../test/helpers/table-snapshot";
import { actionOf, isClinical } from "../../test/security/audit-actions";
import { callParts, MATRIX, routeKeys, sessionFor, urlFor, type MatrixRow } from "../../test/security/matrix";
import {
  ACTORS,
  buildWorld,
  secretsOf,
  send,
  type ActorName,
  type HttpMethod,
} from "../../test/security/world";

const { app, prisma } = await createTestApp();
const world = await buildWorld(app, prisma);
// The server's own keys exist, as once it has used each: the FHIR export creates its pseudonym key on
// first use, outside the request's transaction, and the snapshots below compare a request's writes.
for (const name of ["audit_email", "fhir_pseudonym", "totp_secret"] as const) await serverKey(prisma, name);

// Test-only: refuses audit inserts of the armed actions, to show what a failed audit write undoes.
await prisma.$executeRawUnsafe(`CREATE TABLE test_refused_audit_actions (action text PRIMARY KEY)`);
await prisma.$executeRawUnsafe(`
  CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM test_refused_audit_actions WHERE action = NEW.action) THEN
      RAISE EXCEPTION 'test: the audit insert is refused';
    END IF;
    RETURN NEW;
  END $$`);
await prisma.$executeRawUnsafe(`
  CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);

const clinicalRows = MATRIX.filter((row) =>
  routeKeys(row.route).some((key) => isClinical(key.split(" ")[1]!)),
);

interface Prepared {
  method: HttpMethod;
  url: string;
  body: object;
  session: Awaited<ReturnType<typeof sessionFor>>;
}

async function prepare(row: MatrixRow, key: string, actor: ActorName): Promise<Prepared> {
  const account = actor === "anonymous" ? null : world.accounts[actor];
  const ctx = { world, actor, account };
  const sent = await callParts(row, ctx);
  const session = await sessionFor(row, ctx);
  const [method, pattern] = key.split(" ") as [HttpMethod, string];
  return { method, url: urlFor(pattern, sent.params, sent.query), body: sent.body ?? {}, session };
}

describe("every clinical route is in the audit walk", () => {
  it("names its action", () => {
    const keys = clinicalRows.flatMap((row) => routeKeys(row.route));
    expect(keys.filter((key) => !actionOf(key))).toEqual([]);
    expect(keys.length).toBeGreaterThan(40);
  });
});

describe("the audit event is written in the same transaction", () => {
  const options: SnapshotOptions = { ignoreColumns: { login_sessions: ["last_seen_at"] } };
  const cases = clinicalRows.flatMap((row) => {
    const actor = ACTORS.find((a) => row.expect[a] === "allow")!;
    return routeKeys(row.route)
      .filter((key) => !key.startsWith("HEAD "))
      .map((key) => [`${key} as ${actor}`, row, key, actor] as const);
  });

  it.each(cases)("%s: a refused audit insert undoes it", async (_name, row, key, actor) => {
    const call = await prepare(row, key, actor);
    const action = actionOf(key)!;
    await prisma.$executeRaw`INSERT INTO test_refused_audit_actions VALUES (${action})`;
    try {
      const before = await tableStates(prisma, options);
      const response = await send(app, call.session, call.method, call.url, call.body);
      expect(response.statusCode, response.body).toBe(500);
      for (const secret of [...secretsOf(world.owner), ...secretsOf(world.other)]) {
        expect(response.body).not.toContain(secret);
      }
      expect(await tableStates(prisma, options)).toEqual(before);
    } finally {
      await prisma.$executeRaw`DELETE FROM test_refused_audit_actions`;
    }
  });
});
