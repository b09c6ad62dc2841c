// The course summaries behind the cockpit (course-summary.ts, docs/decisions/023): a summary changes
// in the transaction of the write that changes it (a write that fails leaves it as it was); the
// cockpit pages them in urgency order, then by therapist and client name as the lists compare names;
// a supervisor sees only the summaries of the therapists assigned to them; bulk-loaded courses get
// theirs from rebuildCourseSummaries; and the page query reads the therapist index, not the table.
import { cockpitResponse, type CockpitResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createAccount, createTestApp } from "../../test/helpers/app";
import {
  courseFor,
  newClient,
  ok,
  sessionNumbered,
  signedInAs,
  type Clinician,
} from "../../test/helpers/clinical";
import { recordMeasure, phq9 } from "../../test/helpers/measures";
import type { Actor } from "../clinical/access";
import { updateSession } from "../clinical/sessions/sessions-service";
import { Prisma } from "../db/prisma";
import type { TransactionRunner } from "../db/transactions";
import { assignedTherapistsStatement, cockpitPageStatement } from "./cockpit-service";
import { awaitingAcknowledgementStatement } from "./risk-flags-service";
import {
  OPEN_PHASES,
  rebuildCourseSummaries,
  verifyCourseSummaries,
  type StoredCockpitRow,
} from "./course-summary";

const { app, prisma } = await createTestApp();
const admin = await signedInAs(app, prisma, "admin");
const URL = "/api/supervision/cockpit";

async function assign(supervisor: { id: string }, therapist: { id: string }) {
  const response = await admin.put(`/api/admin/users/${therapist.id}/supervisors/${supervisor.id}`, {});
  expect(response.statusCode, response.body).toBe(200);
}

const summaryOf = (courseId: string) => prisma.courseSummary.findUniqueOrThrow({ where: { courseId } });
const sessionsHeld = (summary: { row: unknown }) => (summary.row as StoredCockpitRow).course.sessionsHeld;
const cockpitOf = async (who: Clinician, query = "") => ok(await who.get(`${URL}${query}`), cockpitResponse);
const namesOf = (page: CockpitResponse) => page.items.map((row) => row.client.displayName);

describe("a course summary", () => {
  it("changes in the write's own transaction: when the transaction fails after the write, it stays as it was", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await courseFor(therapist, { phase: "middle" });
    const before = await summaryOf(course.id);
    expect(sessionsHeld(before)).toBe(0);
    const session = sessionNumbered(course, 1);
    const actor: Actor = {
      userId: therapist.id,
      role: "therapist",
      audit: { actorId: therapist.id, ip: null, requestId: null },
      now: new Date(),
    };
    let inside: number | undefined;
    // The service's own transaction, failing just before its commit.
    const failing: TransactionRunner = (work) =>
      prisma.$transaction(async (tx) => {
        await work(tx);
        inside = sessionsHeld(await tx.courseSummary.findUniqueOrThrow({ where: { courseId: course.id } }));
        throw new Error("the commit fails");
      });
    const held = { version: session.version, status: "held" as const };
    await expect(updateSession(prisma, actor, session.id, held, failing)).rejects.toThrow("the commit fails");
    expect(inside).toBe(1);
    expect(await summaryOf(course.id)).toEqual(before);

    // Committed, the same write moves it.
    await updateSession(prisma, actor, session.id, held);
    expect(sessionsHeld(await summaryOf(course.id))).toBe(1);
  });

  it("a refused write leaves it as it was", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await courseFor(therapist, { phase: "middle" });
    const before = await summaryOf(course.id);
    // A score at a session still planned: 422, nothing written.
    const response = await recordMeasure(therapist, course.id, {
      sessionId: sessionNumbered(course, 2).id,
      instrument: "phq9",
      items: phq9(12, 2),
    });
    expectApiError(response, 422, "rule_unmet");
    expect(await summaryOf(course.id)).toEqual(before);
  });
});

describe("the cockpit over the summaries", () => {
  it("orders names as the lists compare them (case and accents aside, digits by value) and pages after sorting", async () => {
    const supervisor = await signedInAs(app, prisma, "supervisor");
    const therapist = await signedInAs(app, prisma);
    await assign(supervisor, therapist);
    // Created in an order no rule gives; all in the initial phase with nothing due: the same urgency.
    for (const displayName of ["client 10", "Émile", "Client 2", "emile", "Bea"]) {
      await courseFor(therapist, { client: await newClient(therapist, { displayName }) });
    }
    const all = await cockpitOf(supervisor, "?pageSize=100");
    expect(all.total).toBe(5);
    const names = namesOf(all);
    expect(names.slice(0, 3)).toEqual(["Bea", "Client 2", "client 10"]);
    expect(names.slice(3).sort()).toEqual(["emile", "Émile"].sort());
    // Equal names (case and accents aside) go by client id.
    const ids = all.items.slice(3).map((row) => row.client.id);
    expect(ids).toEqual([...ids].sort());

    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await cockpitOf(supervisor, `?pageSize=2&page=${page}`));
    expect(pages.flatMap(namesOf)).toEqual(names);
    expect(pages.map((page) => page.total)).toEqual([5, 5, 5]);
    // Past the end: no rows, and the total still counts what matched.
    const after = await cockpitOf(supervisor, "?pageSize=2&page=4");
    expect(after).toMatchObject({ items: [], total: 5, page: 4 });
  });

  it("shows a supervisor only the summaries of their supervisees", async () => {
    const supervisor = await signedInAs(app, prisma, "supervisor");
    const mine = await signedInAs(app, prisma);
    const theirs = await signedInAs(app, prisma);
    await assign(supervisor, mine);
    await assign(await signedInAs(app, prisma, "supervisor"), theirs);
    await courseFor(mine, { client: await newClient(mine, { displayName: "Mine" }) });
    await courseFor(theirs, { client: await newClient(theirs, { displayName: "Theirs" }) });
    expect(await prisma.courseSummary.count({ where: { therapistId: theirs.id } })).toBe(1);

    const page = await cockpitOf(supervisor);
    expect(namesOf(page)).toEqual(["Mine"]);
    expect(page.total).toBe(1);
    expectApiError(await supervisor.get(`${URL}?therapistId=${theirs.id}`), 404, "not_found");
  });
});

describe("bulk-loaded courses", () => {
  const THERAPISTS = 100;
  const COURSES_EACH = 30;

  /** Clients and courses written by SQL, as a bulk seed does, with no summaries. */
  async function bulkLoad() {
    const therapists = [];
    for (let i = 0; i < THERAPISTS; i++) therapists.push(await createAccount(prisma));
    const ids = therapists.map((therapist) => therapist.id);
    await prisma.$executeRaw`
      INSERT INTO clients (id, therapist_id, display_name, referral_reason, updated_at)
      SELECT gen_random_uuid(), therapist.id, 'Bulk client ' || n, 'Low mood', now()
      FROM unnest(${ids}::uuid[]) AS therapist(id), generate_series(1, ${COURSES_EACH}) AS n`;
    await prisma.$executeRaw`
      INSERT INTO courses (id, client_id, sequence, format, lineage, phase, planned_sessions, start_date,
                           session_minutes, updated_at)
      SELECT gen_random_uuid(), client.id, 1, 'standard', 'weissman',
             (ARRAY['initial', 'middle', 'termination', 'completed']::"CoursePhase"[])[1 + (row_number() OVER ()) % 4],
             12, DATE '2026-01-05', 50, now()
      FROM clients client WHERE client.therapist_id = ANY(${ids}::uuid[])`;
    return ids;
  }

  it("get their summaries from rebuildCourseSummaries, and the page query reads the therapist index", async () => {
    const therapistIds = await bulkLoad();
    const missing = await prisma.course.count({ where: { summary: null } });
    expect(missing).toBe(THERAPISTS * COURSES_EACH);
    expect(await rebuildCourseSummaries(prisma, { onlyStale: true })).toBe(missing);
    expect(await prisma.course.count({ where: { summary: null } })).toBe(0);
    expect(await rebuildCourseSummaries(prisma, { onlyStale: true })).toBe(0);
    expect((await verifyCourseSummaries(prisma)).mismatches).toEqual([]);

    await prisma.$executeRaw`ANALYZE course_summaries`;
    // A supervisor of 2 of the 100 therapists: the planner goes through the index for their rows.
    const statement = cockpitPageStatement(therapistIds.slice(0, 2), OPEN_PHASES, undefined, 0, 25);
    const plan = (await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${statement}`))
      .map((line) => line["QUERY PLAN"])
      .join("\n");
    expect(plan).toContain("course_summaries_therapist_id_urgency_risk_since_idx");
    expect(plan).not.toMatch(/Seq Scan on course_summaries/);
  }, 120_000);

  it("the count of flags awaiting acknowledgement reads the flagged courses' flags once, by their ids; the assignments each therapist by id", async () => {
    const therapistIds = await bulkLoad();
    await rebuildCourseSummaries(prisma, { onlyStale: true });
    // Every course of these therapists counted as flagged (urgency 0). A plain join let the planner
    // drive from the flags table instead (a sequential scan of it here, a hash join with it at
    // 102,000 clients).
    await prisma.$executeRaw`UPDATE course_summaries SET urgency = 0 WHERE therapist_id = ANY(${therapistIds}::uuid[])`;
    await prisma.$executeRaw`ANALYZE course_summaries`;
    await prisma.$executeRaw`ANALYZE risk_flags`;
    const supervisor = await createAccount(prisma, { role: "supervisor" });
    const actor: Actor = {
      userId: supervisor.id,
      role: "supervisor",
      audit: { actorId: supervisor.id, ip: null, requestId: null },
      now: new Date(),
    };
    const plan = await planOf(awaitingAcknowledgementStatement(actor, therapistIds.slice(0, 2)));
    // The summaries through the therapist index; the flags read once, by the flagged courses' ids,
    // never hashed against the whole table nor rescanned per course (docs/benchmarks.md, "The
    // count's flags by course").
    expect(plan).toContain("course_summaries_therapist_id_urgency_risk_since_idx");
    expect(plan).toMatch(/on risk_flags flag[^\n]*\n[^\n]*(Index Cond|Filter): .*course_id = ANY \(/);
    expect(plan.match(/on risk_flags/g)).toHaveLength(1);
    expect(plan).not.toMatch(/Hash/);

    // The supervisor's therapists: each looked up by id, not hashed against every user.
    await prisma.$executeRaw`
      INSERT INTO supervision_assignments (supervisor_id, therapist_id)
      SELECT ${supervisor.id}::uuid, id FROM unnest(${therapistIds.slice(0, 25)}::uuid[]) AS therapist(id)`;
    await prisma.$executeRaw`ANALYZE users`;
    await prisma.$executeRaw`ANALYZE supervision_assignments`;
    const assignments = await planOf(assignedTherapistsStatement(supervisor.id));
    expect(assignments).toMatch(
      /on users[^\n]*\n[^\n]*(Index Cond|Filter): \(id = assignment\.therapist_id\)/,
    );
    expect(assignments).not.toMatch(/Hash/);
  }, 120_000);
});

async function planOf(statement: Prisma.Sql): Promise<string> {
  const lines = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${statement}`);
  return lines.map((line) => line["QUERY PLAN"]).join("\n");
}
