// Least privilege in the database (issue 17): the app's role can run the app, and cannot switch off
// the protections that rest on triggers, change the schema, delete a clinical row or rewrite the
// audit log — whatever the app's code (or an attacker in it) sends.
import { endpointPath, endpoints } from "@ipt/shared";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { buildApp, type App } from "../app";
import { loadConfig } from "../config/config";
import { createTestDatabase } from "../../test/helpers/database";
import { courseFor, holdSessions, signedInAs } from "../../test/helpers/clinical";
import { testLogger } from "../security/log-scan/sink";
import { adminQuery, quoteIdent } from "../../test/helpers/test-cluster";
import { ensureLoginRole, grantAppRights } from "./app-role";
import { createPrismaClient, type PrismaClient } from "./prisma";

const role = `ipt_app_test_${randomBytes(4).toString("hex")}`;
const password = randomBytes(18).toString("base64url");
let ownerUrl: string;
let appUrl: string;
let app: App;
let prisma: PrismaClient;
let courseId: string;

/** Runs one statement as the app's role; resolves to the error PostgreSQL answered, if any. */
async function asAppRole(
  sql: string,
  params: unknown[] = [],
): Promise<{ code?: string; message: string } | null> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    await client.query(sql, params);
    return null;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code, message };
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const database = await createTestDatabase();
  ownerUrl = database.url;
  const { adminUrl } = inject("testDatabase");
  await ensureLoginRole(adminUrl, role, password);
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
    await adminQuery(ownerUrl, `DROP OWNED BY ${quoteIdent(role)}`);
    await adminQuery(adminUrl, `DROP ROLE IF EXISTS ${quoteIdent(role)}`);
  });
  await grantAppRights(ownerUrl, role);
  appUrl = Object.assign(new URL(ownerUrl), { username: role, password }).toString();

  prisma = createPrismaClient(appUrl, 4);
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: appUrl,
    LOG_LEVEL: "silent",
    WEB_DIST_DIR: "/nonexistent",
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: "0",
    OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: "0",
  });
  app = await buildApp({ config, prisma, logger: testLogger() });
  await app.ready();
}, 60_000);

describe("the app's database role", () => {
  it("runs the app: accounts, sign-in, a course with held sessions, the audit log", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await courseFor(therapist);
    courseId = course.id;
    const held = await holdSessions(therapist, course.id, [1]);
    expect(held.sessions.find((s) => s.number === 1)?.status).toBe("held");
    const caseload = await therapist.get(endpointPath(endpoints.caseload.list));
    expect(caseload.statusCode).toBe(200);
    expect(await prisma.auditEvent.count()).toBeGreaterThan(0);
  });

  it("is not a superuser and cannot create roles or databases", async () => {
    const rows = await new pg.Pool({ connectionString: appUrl, max: 1 }).query<{
      rolsuper: boolean;
      rolcreaterole: boolean;
      rolcreatedb: boolean;
      rolbypassrls: boolean;
    }>(
      "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user",
    );
    expect(rows.rows).toEqual([
      { rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false },
    ]);
  });

  it.each([
    [
      "disable the no-delete trigger of a clinical table",
      "ALTER TABLE clients DISABLE TRIGGER clients_no_delete",
    ],
    ["disable every trigger of the audit log", "ALTER TABLE audit_events DISABLE TRIGGER ALL"],
    ["alter a table", "ALTER TABLE clients ADD COLUMN smuggled text"],
    ["drop a table", "DROP TABLE risk_flags"],
    ["create a table", "CREATE TABLE public.smuggled (id int)"],
    [
      "replace a trigger function",
      "CREATE OR REPLACE FUNCTION clinical_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
    ],
    ["switch triggers off for the session", "SET session_replication_role = replica"],
    ["empty the audit log", "TRUNCATE audit_events"],
    ["empty a clinical table", "TRUNCATE therapy_sessions"],
    ["rewrite the migrations' bookkeeping", "DELETE FROM _prisma_migrations"],
  ])("cannot %s", async (_what, sql) => {
    const refused = await asAppRole(sql);
    expect(refused?.code, refused?.message).toBe("42501"); // insufficient_privilege
  });

  it("cannot delete a clinical row: no DELETE right, before the trigger is even reached", async () => {
    const refused = await asAppRole("DELETE FROM courses WHERE id = $1", [courseId]);
    expect(refused?.code).toBe("42501");
    expect(refused?.message).toMatch(/permission denied for table courses/);
  });

  it("cannot update or delete an audit row", async () => {
    const updated = await asAppRole("UPDATE audit_events SET action = 'rewritten'");
    const deleted = await asAppRole("DELETE FROM audit_events");
    expect([updated?.code, deleted?.code]).toEqual(["42501", "42501"]);
    expect(updated?.message).toMatch(/permission denied for table audit_events/);
  });

  it("seals the audit log only through audit_seal, which runs with its owner's rights", async () => {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ sealed: number }>("SELECT audit_seal(1000, true) AS sealed");
      expect(rows[0]?.sealed).toBeGreaterThanOrEqual(0);
      const { rows: left } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_events WHERE chain_seq IS NULL",
      );
      expect(left[0]?.n).toBe("0");
    } finally {
      await client.end();
    }
    const forged = await asAppRole("UPDATE audit_events SET hash = prev_hash WHERE chain_seq IS NULL");
    expect(forged?.code).toBe("42501");
  });

  it("can still delete what is meant to go: its own expired sign-in sessions", async () => {
    expect(await asAppRole("DELETE FROM login_sessions WHERE false")).toBeNull();
  });
});
