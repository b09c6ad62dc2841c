// Proves audit completeness over the authorization matrix (test/security/matrix.ts): every clinical
// route × every actor, against the running app and a real PostgreSQL.
// - An allowed call writes its event (the route's action, the actor, success) and only the actor's events.
// - A cross-tenant 404 writes a "denied" event naming the actor and the record tried.
// - A 401/403 reaches no record: it writes no clinical event of success.
// - Same transaction: when the route's own audit insert fails (a test-only trigger refuses that
//   action), a write changes nothing at all, and a read answers 500 without the record's content.
// A clinical route missing from ACTIONS fails the suite.
import type { AuditAction } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import { maxId, tableStates, type SnapshotOptions } from "../../test/helpers/table-snapshot";
import {
  callParts,
  MATRIX,
  routeKeys,
  sessionFor,
  urlFor,
  type CallContext,
  type MatrixRow,
} from "../../test/security/matrix";
import {
  ACTORS,
  buildWorld,
  secretsOf,
  send,
  type ActorName,
  type HttpMethod,
} from "../../test/security/world";

/** Each clinical route's own audit action (GET and HEAD alike). */
const ACTIONS: Record<string, AuditAction> = {
  "GET /api/attention": "attention.viewed",
  "GET /api/clients": "caseload.viewed",
  "POST /api/clients": "client.created",
  "GET /api/clients/:clientId": "client.viewed",
  "PATCH /api/clients/:clientId": "client.updated",
  "GET /api/clients/:clientId/inventory": "inventory.viewed",
  "POST /api/clients/:clientId/inventory/people": "inventory.person_added",
  "PATCH /api/clients/:clientId/inventory/people/:personId": "inventory.person_updated",
  "DELETE /api/clients/:clientId/inventory/people/:personId": "inventory.person_removed",
  "POST /api/clients/:clientId/inventory/events": "inventory.event_added",
  "PATCH /api/clients/:clientId/inventory/events/:eventId": "inventory.event_updated",
  "DELETE /api/clients/:clientId/inventory/events/:eventId": "inventory.event_removed",
  "POST /api/clients/:clientId/courses": "course.created",
  "POST /api/courses/:courseId/maintenance": "course.maintenance_started",
  "GET /api/groups": "groups.viewed",
  "POST /api/groups": "group.created",
  "GET /api/groups/:groupId": "group.viewed",
  "POST /api/groups/:groupId/members": "group.member_added",
  "DELETE /api/groups/:groupId/members/:courseId": "group.member_removed",
  "POST /api/groups/:groupId/sessions/:groupSessionId/attendance": "group.attendance_recorded",
  "POST /api/groups/:groupId/sessions/:groupSessionId/reschedule": "group.session_rescheduled",
  "POST /api/groups/:groupId/sessions/:groupSessionId/cancel": "group.session_cancelled",
  "GET /api/courses/:courseId": "course.viewed",
  "PATCH /api/courses/:courseId/initial-tasks": "course.initial_tasks_updated",
  "PUT /api/courses/:courseId/problem-area": "course.problem_area_set",
  "PUT /api/courses/:courseId/formulation": "course.formulation_set",
  "PATCH /api/courses/:courseId/grief-tasks": "course.grief_tasks_updated",
  "PUT /api/courses/:courseId/contract": "course.contract_set",
  "POST /api/courses/:courseId/middle-phase": "course.middle_phase_started",
  "POST /api/courses/:courseId/plan/sessions": "plan.session_added",
  "POST /api/courses/:courseId/plan/drop": "plan.session_dropped",
  "POST /api/courses/:courseId/plan/cancel": "plan.session_cancelled",
  "POST /api/courses/:courseId/plan/reschedule": "plan.session_rescheduled",
  "POST /api/courses/:courseId/termination": "course.termination_raised",
  "PATCH /api/courses/:courseId/termination-checklist": "course.termination_checklist_updated",
  "POST /api/courses/:courseId/completion": "course.completed",
  "POST /api/courses/:courseId/outreach-attempts": "course.outreach_recorded",
  "GET /api/sessions/:sessionId": "session.viewed",
  "PATCH /api/sessions/:sessionId": "session.updated",
  "POST /api/sessions/:sessionId/sign": "session.signed",
  "POST /api/sessions/:sessionId/amendments": "session.amended",
  "GET /api/courses/:courseId/measures": "measures.viewed",
  "POST /api/courses/:courseId/measures": "measure.recorded",
  "POST /api/measures/:measureId/corrections": "measure.corrected",
  "POST /api/risk-flags/:riskFlagId/follow-ups": "risk_flag.follow_up_recorded",
  "POST /api/risk-flags/:riskFlagId/resolve": "risk_flag.resolved",
  "POST /api/supervision/risk-flags/:riskFlagId/acknowledgement": "risk_flag.acknowledged",
  "GET /api/courses/:courseId/end-of-treatment-summary": "course.summary_viewed",
  "GET /api/supervision/risk-flags": "risk_flags.viewed",
  "GET /api/supervision/therapists": "supervision.summary_viewed",
  "GET /api/supervision/cockpit": "cockpit.viewed",
  "GET /api/courses/:courseId/fidelity": "fidelity.viewed",
  "PUT /api/sessions/:sessionId/fidelity": "fidelity.rated",
  "GET /api/courses/:courseId/review-threads": "review_threads.viewed",
  "POST /api/courses/:courseId/review-threads": "review_thread.opened",
  "POST /api/review-threads/:threadId/messages": "review_thread.replied",
  "POST /api/review-threads/:threadId/resolve": "review_thread.resolved",
  "GET /api/courses/:courseId/cosignatures": "cosigns.viewed",
  "POST /api/courses/:courseId/cosignatures": "cosign.recorded",
  "POST /api/sessions/:sessionId/questionnaire-links": "questionnaire_link.issued",
  "GET /api/courses/:courseId/questionnaire-links": "questionnaire_link.listed",
  "POST /api/questionnaire-links/:linkId/revocation": "questionnaire_link.revoked",
  "GET /api/fhir/courses/:courseId": "fhir.course_exported",
  "GET /api/fhir/caseload": "fhir.caseload_exported",
};

/** Routes that read or write clinical records (or lists and views of them). */
const isClinical = (url: string) =>
  /^\/api\/(clients|courses|groups|sessions|measures|risk-flags|review-threads|supervision|attention|questionnaire-links|fhir)(\/|$)/.test(
    url,
  );

const { app, prisma } = await createTestApp();
const world = await buildWorld(app, prisma);

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
const actionOf = (key: string) => ACTIONS[key.replace(/^HEAD /, "GET ")];

interface Prepared {
  method: HttpMethod;
  url: string;
  body: object;
  session: Awaited<ReturnType<typeof sessionFor>>;
  ctx: CallContext;
}

async function prepare(row: MatrixRow, key: string, actor: ActorName): Promise<Prepared> {
  const account = actor === "anonymous" ? null : world.accounts[actor];
  const ctx = { world, actor, account };
  const sent = await callParts(row, ctx);
  const session = await sessionFor(row, ctx);
  const [method, pattern] = key.split(" ") as [HttpMethod, string];
  return { method, url: urlFor(pattern, sent.params, sent.query), body: sent.body ?? {}, session, ctx };
}

async function eventsAfter(id: bigint) {
  return prisma.auditEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });
}

describe("every clinical route is in the audit walk", () => {
  it("names its action", () => {
    const keys = clinicalRows.flatMap((row) => routeKeys(row.route));
    expect(keys.filter((key) => !actionOf(key))).toEqual([]);
    expect(keys.length).toBeGreaterThan(40);
  });
});

describe("each call writes its audit event", () => {
  const cases = clinicalRows.flatMap((row) =>
    routeKeys(row.route).flatMap((key) =>
      ACTORS.map((actor) => [`${key} as ${actor} → ${row.expect[actor]}`, row, key, actor] as const),
    ),
  );

  it.each(cases)("%s", async (_name, row, key, actor) => {
    const call = await prepare(row, key, actor);
    const before = await maxId(prisma, "audit_events");
    const response = await send(app, call.session, call.method, call.url, call.body);
    const events = await eventsAfter(before);
    const outcome = row.expect[actor];
    const actorId = call.ctx.account?.id ?? null;

    if (outcome === "allow") {
      expect(response.statusCode, response.body).toBeLessThan(300);
      expect(events.map((e) => [e.action, e.outcome])).toContainEqual([actionOf(key), "success"]);
      expect(events.every((e) => e.actorId === actorId)).toBe(true);
    } else if (outcome === 404) {
      expect(response.statusCode).toBe(404);
      expect(events).toContainEqual(
        expect.objectContaining({ action: "client.access_denied", outcome: "denied", actorId }),
      );
      const denied = events.find((e) => e.outcome === "denied")!;
      expect(call.url).toContain(denied.entityId);
      expect(events.filter((e) => e.outcome === "success")).toEqual([]);
    } else {
      expect(response.statusCode).toBe(outcome);
      expect(events.filter((e) => e.outcome === "success")).toEqual([]);
    }
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
