// The caseload costs three round trips whatever the caseload's size: the session lookup, the page
// (one statement: the clients, their courses' summary rows and next planned sessions), then its audit
// row; a client's record costs two: the session lookup, then the data and the audit row sent
// together, the INSERT deciding viewed or denied (issue 16; docs/decisions/024; the audit row is
// group-committed, 022). Counted at
// the pg pool (test/helpers/statement-log.ts), as `pnpm bench` counts them, so BEGIN, COMMIT and the
// session's last-seen update would count too.
import { caseloadResponse, clientDetail } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { AUDIT_INSERT_SQL } from "../../audit/audit-log";
import { courseFor, ok, signedInAs, type Clinician } from "../../../test/helpers/clinical";
import { heldSession, recordPhq9 } from "../../../test/helpers/measures";
import { type LoggedStatement } from "../../../test/helpers/statement-log";
import { createStatementLoggingApp } from "../../../test/helpers/statement-logging-app";

const { app, prisma, log } = await createStatementLoggingApp();

/** One GET, alone: its statements (text only) and round trips. */
async function counted(who: Clinician, url: string) {
  // Every pooled connection open first, as on a running server: a statement that waited for a new
  // connection would start a round trip of its own after its neighbour had finished.
  await Promise.all(Array.from({ length: 4 }, () => prisma.$queryRaw`SELECT 1`));
  const trips = log.roundTrips;
  log.capture();
  const response = await who.get(url);
  const statements: LoggedStatement[] = log.stop();
  return { response, statements: statements.map((s) => s.text), roundTrips: log.roundTrips - trips };
}

/** The tables a statement reads or writes, by name. */
const tablesOf = (sql: string) =>
  [...sql.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+(?:"public"\.)?"?([a-z_]+)"?/gi)].map((m) => m[1]);

describe("round trips per read", () => {
  it("the caseload: session, the page in one statement, then its audit row, for one client or six", async () => {
    const few = await signedInAs(app, prisma);
    await courseFor(few, { phase: "middle" });
    const many = await signedInAs(app, prisma);
    for (let i = 0; i < 6; i++) {
      const course = await courseFor(many, { phase: "middle" });
      const session = await heldSession(many, course, 1);
      await recordPhq9(many, course.id, session.id, 15, 1);
    }

    const one = await counted(few, "/api/clients");
    const six = await counted(many, "/api/clients?pageSize=100");

    expect(ok(one.response, caseloadResponse).items).toHaveLength(1);
    const page = ok(six.response, caseloadResponse);
    expect(page.items).toHaveLength(6);
    expect(page.items[0]?.measures).toMatchObject({ latestPhq9: { total: 15 }, openRiskFlags: 1 });
    for (const run of [one, six]) {
      expect(run.roundTrips).toBe(3);
      expect(run.statements).toHaveLength(3);
      expect(tablesOf(run.statements[0] ?? "")).toContain("login_sessions");
      // The page: clients, their current courses' summary rows and next planned sessions; no
      // session, score or risk flag of theirs is read to work them out.
      const tables = tablesOf(run.statements[1] ?? "");
      expect(tables).toEqual(
        expect.arrayContaining(["clients", "courses", "course_summaries", "therapy_sessions"]),
      );
      expect(tables).not.toContain("measure_scores");
      expect(tables).not.toContain("risk_flags");
      expect(tables).not.toContain("life_events");
      expect(run.statements[2]).toBe(AUDIT_INSERT_SQL);
    }
  });

  it("a client's record: session, then the client with its courses (read once) beside its audit row", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await courseFor(therapist);

    const read = await counted(therapist, `/api/clients/${course.client.id}`);

    expect(ok(read.response, clientDetail).courses.map((c) => c.id)).toEqual([course.id]);
    // Two round trips, not three: the audit row's INSERT is in flight with the data statement (it
    // works out viewed or denied itself), so the request waits for the longer of the two, not both.
    expect(read.roundTrips).toBe(2);
    expect(read.statements).toHaveLength(3);
    expect(tablesOf(read.statements[0] ?? "")).toContain("login_sessions");
    const last = read.statements.slice(1);
    expect(last.filter((sql) => sql === AUDIT_INSERT_SQL)).toHaveLength(1);
    expect(tablesOf(last.find((sql) => sql !== AUDIT_INSERT_SQL) ?? "")).toEqual(
      expect.arrayContaining(["clients", "courses"]),
    );
    expect(
      read.statements.filter((sql) => sql !== AUDIT_INSERT_SQL && tablesOf(sql).includes("clients")),
    ).toHaveLength(1);
  });

  it("a client that is not the therapist's: the same two round trips, the 404 beside its denial row", async () => {
    const owner = await signedInAs(app, prisma);
    const other = await signedInAs(app, prisma);
    const client = (await courseFor(owner)).client;

    const read = await counted(other, `/api/clients/${client.id}`);

    expect(read.response.statusCode).toBe(404);
    expect(read.roundTrips).toBe(2);
    expect(read.statements.filter((sql) => sql === AUDIT_INSERT_SQL)).toHaveLength(1);
  });

  it("a client's inventory: session, then both lists beside the audit row", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = (await courseFor(therapist)).client;

    const read = await counted(therapist, `/api/clients/${client.id}/inventory`);

    expect(read.response.statusCode).toBe(200);
    expect(read.roundTrips).toBe(2);
    expect(read.statements).toHaveLength(4);
    expect(read.statements.slice(1).filter((sql) => sql === AUDIT_INSERT_SQL)).toHaveLength(1);
  });

  it("a session last seen a while ago is touched in the same statement that reads it", async () => {
    const therapist = await signedInAs(app, prisma);
    const long = new Date(Date.now() - 60_000);
    await prisma.loginSession.updateMany({ where: { userId: therapist.id }, data: { lastSeenAt: long } });

    const read = await counted(therapist, "/api/clients");

    expect(read.response.statusCode).toBe(200);
    expect(read.roundTrips).toBe(3);
    const [session] = await prisma.loginSession.findMany({ where: { userId: therapist.id } });
    expect(session?.lastSeenAt.getTime()).toBeGreaterThan(long.getTime());
  });
});
