// Group IPT on real PostgreSQL (docs/decisions/027), the second step: the list of groups (own only,
// a supervisor's supervisees', at-risk groups first, paged), and moving or cancelling a whole group
// session in one transaction with every current member's matching session; 4xx answers name the
// field, another therapist gets the 404 of a missing group, and the audit rows hold no reason or name.
import { endpointPath, endpoints } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import { asCourse, newClient, planOf, signedInAs } from "../../../test/helpers/clinical";
import {
  addMember,
  asGroup,
  asGroupList,
  cancelGroupSession,
  listGroups,
  newGroup,
  newMember,
  recordAttendance,
  rescheduleGroupSession,
} from "../../../test/helpers/groups";
import { recordPhq9, supervisorOf } from "../../../test/helpers/measures";

const { app, prisma } = await createTestApp();

type Who = Awaited<ReturnType<typeof signedInAs>>;
const courseOf = async (who: Who, courseId: string) =>
  asCourse(await who.get(endpointPath(endpoints.courses.get, { courseId })));
const groupOf = async (who: Who, groupId: string) =>
  asGroup(await who.get(endpointPath(endpoints.groups.get, { groupId })));

const REASON = "Invented: the room is closed for repairs.";

describe("the list of groups", () => {
  it("lists the therapist's own groups, a group with a member at risk first and red-flagged members named", async () => {
    const therapist = await signedInAs(app, prisma);
    const calm = await newGroup(therapist, { name: "Calm group", startDate: "2026-03-02" });
    await newMember(therapist, calm.id, "Calm member");
    const risky = await newGroup(therapist, { name: "Risky group", startDate: "2026-02-02" });
    const a = await newMember(therapist, risky.id, "Member at risk");
    const b = await newMember(therapist, risky.id, "Member fine");
    asGroup(
      await recordAttendance(therapist, risky.id, risky.sessions[0]!.id, {
        attendance: [
          { courseId: a.courseId, status: "attended" },
          { courseId: b.courseId, status: "attended" },
        ],
      }),
    );
    const held = (await courseOf(therapist, a.courseId)).sessions.find((s) => s.slot === "group-initial")!;
    await recordPhq9(therapist, a.courseId, held.id, 14, 1);

    const list = asGroupList(await listGroups(therapist));
    expect(list.total).toBe(2);
    // The newer group starts later, but the group with a member at risk comes first.
    expect(list.items.map((item) => item.name)).toEqual(["Risky group", "Calm group"]);
    const [first, second] = list.items;
    expect(first).toMatchObject({
      members: 2,
      sessionsRecorded: 1,
      membersAtRisk: [{ courseId: a.courseId, client: { displayName: "Member at risk" }, openRiskFlags: 1 }],
      nextSession: { number: 2, plannedDate: "2026-02-09", startTime: "14:00", durationMinutes: 90 },
      therapist: { id: therapist.id },
    });
    expect(second).toMatchObject({ members: 1, membersAtRisk: [], sessionsRecorded: 0 });
    expect(second?.nextSession).toMatchObject({ number: 1, plannedDate: "2026-03-02" });

    // The member's latest PHQ-9 is on the group page too.
    const read = await groupOf(therapist, risky.id);
    expect(read.members.map((m) => m.latestPhq9?.total ?? null)).toEqual([14, null]);

    // One page at a time.
    const page2 = asGroupList(await listGroups(therapist, { page: 2, pageSize: 1 }));
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.items.map((item) => item.name)).toEqual(["Calm group"]);

    const audits = await prisma.auditEvent.findMany({
      where: { actorId: therapist.id, action: "groups.viewed" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((row) => row.details)).toEqual([{ count: 2 }, { count: 1 }]);
  });

  it("shows another therapist none of them, a supervisor their supervisees' groups, and names a bad page", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist, { name: "Supervised group" });
    const other = await signedInAs(app, prisma);
    const theirs = asGroupList(await listGroups(other));
    expect(theirs).toMatchObject({ total: 0, items: [] });

    const { supervisor } = await supervisorOf(app, prisma, therapist);
    const supervised = asGroupList(await listGroups(supervisor));
    expect(supervised.items.map((item) => item.id)).toEqual([group.id]);
    const stranger = await signedInAs(app, prisma, "supervisor");
    expect(asGroupList(await listGroups(stranger)).total).toBe(0);

    const admin = await signedInAs(app, prisma, "admin");
    expectApiError(await listGroups(admin), 403, "forbidden");

    const bad = expectApiError(await listGroups(therapist, { page: 0 }), 400, "validation_failed");
    expect(fieldNames(bad)).toEqual(["query.page"]);
  });
});

describe("moving a group session", () => {
  it("moves the group session and every current member's session with it, in one write", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const a = await newMember(therapist, group.id, "A");
    const b = await newMember(therapist, group.id, "B");
    const second = group.sessions[1]!;
    const moved = asGroup(
      await rescheduleGroupSession(therapist, group.id, second.id, {
        plannedDate: "2026-02-11",
        startTime: "16:30",
      }),
    );
    expect(moved.sessions[1]).toMatchObject({ plannedDate: "2026-02-11", startTime: "16:30" });
    expect(moved.sessions[2]).toMatchObject({ plannedDate: "2026-02-16", startTime: "14:00" });
    for (const member of [a, b]) {
      const course = await courseOf(therapist, member.courseId);
      const session = course.sessions.find((s) => s.number === 3)!;
      expect(session).toMatchObject({ plannedDate: "2026-02-11", startTime: "16:30", slot: "group-middle" });
      expect(course.sessions.find((s) => s.number === 4)?.plannedDate).toBe("2026-02-16");
    }
    const history = await prisma.planChange.findMany({
      where: { courseId: a.courseId, kind: "session_rescheduled" },
    });
    expect(history.map((row) => row.summary)).toEqual([
      "Group session 2 (2026-02-09 at 14:00) moved to 2026-02-11 at 16:30 for the whole group",
    ]);
    const [audit] = await auditRows(prisma, { entityId: group.id, action: "group.session_rescheduled" });
    expect(audit?.details).toMatchObject({ number: 2, from: "2026-02-09", to: "2026-02-11", members: 2 });
    expect(JSON.stringify(audit?.details)).not.toContain("Monday group A");
  });

  it("keeps the order: 400 naming body.plannedDate, unless the later sessions move too", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const a = await newMember(therapist, group.id, "A");
    const [first, second, , , , , , last] = group.sessions;
    const before = expectApiError(
      await rescheduleGroupSession(therapist, group.id, second!.id, { plannedDate: "2026-02-02" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(before)).toEqual(["body.plannedDate"]);
    const past = expectApiError(
      await rescheduleGroupSession(therapist, group.id, second!.id, { plannedDate: "2026-02-16" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(past)).toEqual(["body.plannedDate"]);
    // The last group session cannot pass the member's closing meeting on its own.
    const closing = expectApiError(
      await rescheduleGroupSession(therapist, group.id, last!.id, { plannedDate: "2026-04-06" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(closing)).toEqual(["body.plannedDate"]);
    const same = expectApiError(
      await rescheduleGroupSession(therapist, group.id, first!.id, { plannedDate: "2026-02-02" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(same)).toEqual(["body.plannedDate"]);
    const badDate = expectApiError(
      await rescheduleGroupSession(therapist, group.id, first!.id, { plannedDate: "2026-02-30" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(badDate)).toEqual(["body.plannedDate"]);
    expect((await groupOf(therapist, group.id)).sessions.map((s) => s.plannedDate)).toEqual(
      group.sessions.map((s) => s.plannedDate),
    );

    // A week later, with every later session (and the member's closing meeting) a week later too.
    const moved = asGroup(
      await rescheduleGroupSession(therapist, group.id, second!.id, {
        plannedDate: "2026-02-16",
        moveLater: true,
      }),
    );
    expect(moved.sessions.map((s) => s.plannedDate)).toEqual([
      "2026-02-02",
      "2026-02-16",
      "2026-02-23",
      "2026-03-02",
      "2026-03-09",
      "2026-03-16",
      "2026-03-23",
      "2026-03-30",
    ]);
    const course = await courseOf(therapist, a.courseId);
    expect(planOf(course).map(([number, date]) => [number, date])).toEqual([
      [1, "2026-01-26"],
      [2, "2026-02-02"],
      [3, "2026-02-16"],
      [4, "2026-02-23"],
      [5, "2026-03-02"],
      [6, "2026-03-09"],
      [7, "2026-03-16"],
      [8, "2026-03-23"],
      [9, "2026-03-30"],
      [10, "2026-04-06"],
    ]);
  });

  it("refuses a recorded group session (409 naming groupSessionId) and another therapist (404)", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const a = await newMember(therapist, group.id, "A");
    const first = group.sessions[0]!;
    asGroup(
      await recordAttendance(therapist, group.id, first.id, {
        attendance: [{ courseId: a.courseId, status: "attended" }],
      }),
    );
    const recorded = expectApiError(
      await rescheduleGroupSession(therapist, group.id, first.id, { plannedDate: "2026-02-03" }),
      409,
      "conflict",
    );
    expect(fieldNames(recorded)).toEqual(["groupSessionId"]);

    const other = await signedInAs(app, prisma);
    const second = group.sessions[1]!;
    expectApiError(
      await rescheduleGroupSession(other, group.id, second.id, { plannedDate: "2026-02-10" }),
      404,
      "not_found",
    );
    expectApiError(
      await cancelGroupSession(other, group.id, second.id, { reason: REASON }),
      404,
      "not_found",
    );
    const denied = await auditRows(prisma, { entityId: group.id, action: "client.access_denied" });
    expect(denied).toHaveLength(2);
    expect((await groupOf(therapist, group.id)).sessions[1]).toMatchObject({
      plannedDate: "2026-02-09",
      cancelledAt: null,
    });
  });
});

describe("cancelling a group session", () => {
  it("needs a reason (400 naming body.reason)", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    for (const body of [{}, { reason: "   " }]) {
      const error = expectApiError(
        await cancelGroupSession(therapist, group.id, group.sessions[1]!.id, body),
        400,
        "validation_failed",
      );
      expect(fieldNames(error)).toEqual(["body.reason"]);
    }
    expect((await groupOf(therapist, group.id)).sessions[1]?.cancelledAt).toBeNull();
  });

  it("cancels it for the whole group: each member's session is cancelled and gives up its number", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const a = await newMember(therapist, group.id, "A");
    const b = await newMember(therapist, group.id, "B");
    const third = group.sessions[2]!;
    const cancelled = asGroup(await cancelGroupSession(therapist, group.id, third.id, { reason: REASON }));
    expect(cancelled.sessions[2]).toMatchObject({ number: 3, cancelReason: REASON });
    expect(cancelled.sessions[2]?.cancelledAt).not.toBeNull();
    for (const member of [a, b]) {
      const course = await courseOf(therapist, member.courseId);
      expect(course.plannedSessions).toBe(9);
      expect(course.sessions.find((s) => s.plannedDate === "2026-02-16")).toMatchObject({
        status: "cancelled",
        number: null,
      });
      expect(planOf(course).map(([number]) => number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    const [audit] = await auditRows(prisma, { entityId: group.id, action: "group.session_cancelled" });
    expect(audit?.details).toMatchObject({ number: 3, members: 2, fields: ["reason"] });
    // The reason is in each member's plan history, not in the audit log.
    expect(JSON.stringify(audit?.details)).not.toContain("repairs");
    const courseAudit = await auditRows(prisma, { entityId: a.courseId, action: "plan.session_cancelled" });
    expect(JSON.stringify(courseAudit.map((row) => row.details))).not.toContain("repairs");

    // No attendance at a cancelled session, no second cancel, no move.
    const attendance = expectApiError(
      await recordAttendance(therapist, group.id, third.id, {
        attendance: [
          { courseId: a.courseId, status: "attended" },
          { courseId: b.courseId, status: "attended" },
        ],
      }),
      409,
      "conflict",
    );
    expect(fieldNames(attendance)).toEqual(["groupSessionId"]);
    const again = expectApiError(
      await cancelGroupSession(therapist, group.id, third.id, { reason: REASON }),
      409,
      "conflict",
    );
    expect(fieldNames(again)).toEqual(["groupSessionId"]);

    // A member who joins now has no session for the cancelled group session.
    const late = await newClient(therapist, { displayName: "Late" });
    const joined = asGroup(await addMember(therapist, group.id, late.id), 201);
    const lateCourse = await courseOf(
      therapist,
      joined.members.find((m) => m.client.id === late.id)!.courseId,
    );
    expect(lateCourse.plannedSessions).toBe(9);
    expect(lateCourse.sessions.some((s) => s.plannedDate === "2026-02-16")).toBe(false);
  });

  it("a member who joins after a move gets the moved date", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    asGroup(
      await rescheduleGroupSession(therapist, group.id, group.sessions[0]!.id, {
        plannedDate: "2026-02-04",
        startTime: "10:00",
      }),
    );
    const { courseId } = await newMember(therapist, group.id, "Joins after the move");
    const course = await courseOf(therapist, courseId);
    expect(course.sessions.slice(0, 2).map((s) => [s.slot, s.plannedDate, s.startTime])).toEqual([
      ["group-pre", "2026-01-28", "14:00"],
      ["group-initial", "2026-02-04", "10:00"],
    ]);
  });
});

describe("IPT-G's mid-treatment individual meeting (an option of the group [S17a])", () => {
  it("gives each member an individual meeting a few days after group session N/2 when the group has it", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist, { midGroupMeeting: true });
    expect(group.midGroupMeeting).toBe(true);
    const { courseId } = await newMember(therapist, group.id, "With the mid meeting");
    const course = await courseOf(therapist, courseId);
    expect(course.plannedSessions).toBe(11);
    expect(planOf(course).map(([number, date, phase, slot]) => [number, date, phase, slot])).toEqual([
      [1, "2026-01-26", "initial", "group-pre"],
      [2, "2026-02-02", "initial", "group-initial"],
      [3, "2026-02-09", "middle", "group-middle"],
      [4, "2026-02-16", "middle", "group-middle"],
      [5, "2026-02-23", "middle", "group-middle"],
      [6, "2026-02-26", "middle", "group-mid"],
      [7, "2026-03-02", "middle", "group-middle"],
      [8, "2026-03-09", "middle", "group-middle"],
      [9, "2026-03-16", "middle", "group-middle"],
      [10, "2026-03-23", "termination", "group-final"],
      [11, "2026-03-30", "termination", "group-closing"],
    ]);
    // Without it (the WHO format), none.
    const who = await newGroup(therapist);
    expect(who.midGroupMeeting).toBe(false);
    const plain = await newMember(therapist, who.id, "Without");
    expect((await courseOf(therapist, plain.courseId)).sessions.some((s) => s.slot === "group-mid")).toBe(
      false,
    );
  });
});
