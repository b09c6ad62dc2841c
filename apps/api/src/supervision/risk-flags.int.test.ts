// The supervisor's open risk flags: flags of clients of therapists assigned to them, oldest first,
// open ones only; the assignment is checked on every request, so removing it ends visibility at once.
import { riskFlagDetail, supervisionRiskFlagsResponse } from "@ipt/shared";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import {
  courseFor,
  newClient,
  ok,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../test/helpers/clinical";
import type { Actor } from "../clinical/access";
import { PrismaClient } from "../generated/prisma/client";
import { listOpenRiskFlags } from "./risk-flags-service";
import { followedUp, heldSession, recordPhq9, supervisorOf } from "../../test/helpers/measures";

const { app, prisma, databaseUrl } = await createTestApp();
const URL = "/api/supervision/risk-flags";

const notEscalated = {
  reasons: [],
  awaitingAcknowledgement: false,
  acknowledgedAt: null,
  acknowledgedBy: null,
};

const listOf = async (who: Clinician) => ok(await who.get(URL), supervisionRiskFlagsResponse).items;

/** A therapist's client whose PHQ-9 item 9 was answered `item9` at session `number`. */
async function flagged(
  therapist: Clinician | undefined,
  item9: number,
  number = 1,
  displayName = "Client A",
) {
  const setup = therapist
    ? { therapist, course: await therapistCourse(therapist, displayName) }
    : await therapistWithCourse(app, prisma, { phase: "middle" });
  const session = await heldSession(setup.therapist, setup.course, number);
  const { riskFlag } = await recordPhq9(setup.therapist, setup.course.id, session.id, 12, item9);
  return { ...setup, session, riskFlag: riskFlag! };
}

async function therapistCourse(therapist: Clinician, displayName: string) {
  return courseFor(therapist, { phase: "middle", client: await newClient(therapist, { displayName }) });
}

describe("the supervisor's open risk flags", () => {
  it("lists open flags of the assigned therapists' clients, oldest first, with whether a follow-up exists", async () => {
    const first = await flagged(undefined, 2, 1, "Client A");
    const { supervisor } = await supervisorOf(app, prisma, first.therapist);
    const second = await flagged(first.therapist, 1, 3, "Client B");
    await followedUp(first.therapist, first.riskFlag.id);
    // Another therapist with a flag, not supervised by this supervisor.
    await flagged(undefined, 3);

    const items = await listOf(supervisor);

    expect(items).toEqual([
      {
        riskFlagId: first.riskFlag.id,
        raisedAt: first.riskFlag.raisedAt,
        itemValue: 2,
        sessionNumber: 1,
        followUpRecorded: true,
        courseId: first.course.id,
        client: { id: first.course.client.id, displayName: "Client A" },
        therapist: { id: first.therapist.id, name: first.therapist.name, email: first.therapist.email },
        escalation: notEscalated,
      },
      {
        riskFlagId: second.riskFlag.id,
        raisedAt: second.riskFlag.raisedAt,
        itemValue: 1,
        sessionNumber: 3,
        followUpRecorded: false,
        courseId: second.course.id,
        client: { id: second.course.client.id, displayName: "Client B" },
        therapist: { id: first.therapist.id, name: first.therapist.name, email: first.therapist.email },
        escalation: notEscalated,
      },
    ]);
    const rows = await auditRows(prisma, { action: "risk_flags.viewed" });
    expect(rows.filter((row) => row.actorId === supervisor.id).map((row) => row.details)).toEqual([
      { count: 2 },
    ]);
  });

  it("covers every therapist the supervisor is assigned to, and a resolved flag leaves the list", async () => {
    const one = await flagged(undefined, 1);
    const { supervisor } = await supervisorOf(app, prisma, one.therapist);
    const two = await flagged(undefined, 2);
    const admin = await signedInAs(app, prisma, "admin");
    expect(
      (await admin.call("PUT", `/api/admin/users/${two.therapist.id}/supervisors/${supervisor.id}`))
        .statusCode,
    ).toBe(200);

    expect((await listOf(supervisor)).map((item) => item.riskFlagId)).toEqual([
      one.riskFlag.id,
      two.riskFlag.id,
    ]);

    const followed = await followedUp(one.therapist, one.riskFlag.id);
    ok(
      await one.therapist.post(`/api/risk-flags/${one.riskFlag.id}/resolve`, {
        version: followed.version,
        reason: "Reassessed at the next session; no current thoughts of self-harm.",
      }),
      riskFlagDetail,
    );
    expect((await listOf(supervisor)).map((item) => item.riskFlagId)).toEqual([two.riskFlag.id]);
  });

  it("a supervisor not assigned to the therapist sees nothing of it", async () => {
    await flagged(undefined, 2);
    const stranger = await signedInAs(app, prisma, "supervisor");
    expect(await listOf(stranger)).toEqual([]);
    const [row] = (await auditRows(prisma, { action: "risk_flags.viewed" })).filter(
      (r) => r.actorId === stranger.id,
    );
    expect(row?.details).toEqual({ count: 0 });
  });

  it("removing the assignment ends visibility at once", async () => {
    const { therapist, riskFlag } = await flagged(undefined, 1);
    const assignment = await supervisorOf(app, prisma, therapist);
    const { supervisor } = assignment;
    expect((await listOf(supervisor)).map((item) => item.riskFlagId)).toEqual([riskFlag.id]);
    await assignment.unassign();
    expect(await listOf(supervisor)).toEqual([]);
  });

  it("answers with a fixed number of SQL statements, however many flags there are", async () => {
    const { therapist } = await flagged(undefined, 1);
    const { supervisor } = await supervisorOf(app, prisma, therapist);
    const actor: Actor = {
      userId: supervisor.id,
      role: "supervisor",
      audit: { actorId: supervisor.id, ip: null, requestId: "test" },
      now: new Date(),
    };
    const counting = new PrismaClient({
      adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }),
      log: [{ emit: "event", level: "query" }],
    });
    let statements = 0;
    counting.$on("query", () => (statements += 1));
    const statementsFor = async () => {
      statements = 0;
      const { items } = await listOpenRiskFlags(counting, actor);
      return { flags: items.length, statements };
    };
    try {
      const one = await statementsFor();
      for (const number of [2, 3, 4]) await flagged(therapist, 1, number, `Client ${number}`);
      const four = await statementsFor();
      expect([one.flags, four.flags]).toEqual([1, 4]);
      // The list query and the audit row (the counter works: it saw both).
      expect(one.statements).toBeGreaterThanOrEqual(2);
      expect(four.statements).toBe(one.statements);
    } finally {
      await counting.$disconnect();
    }
  });

  it.each(["therapist", "admin"] as const)(
    "%s accounts are refused with 403 (and nothing is audited as viewed)",
    async (role) => {
      const { therapist } = await flagged(undefined, 1);
      const other = role === "therapist" ? therapist : await signedInAs(app, prisma, role);
      expectApiError(await other.get(URL), 403, "forbidden");
      const rows = await prisma.auditEvent.count({
        where: { actorId: other.id, action: "risk_flags.viewed" },
      });
      expect(rows).toBe(0);
    },
  );

  it("without a session answers 401", async () => {
    expectApiError(await app.inject({ method: "GET", url: URL }), 401, "unauthenticated");
  });
});
