// Group IPT on real PostgreSQL (docs/decisions/027): a group and its plan, members with their own
// courses (problem area, scores, risk flags), attendance per member in one transaction, and the
// refusals with their 4xx answers naming the field; another therapist is refused, the therapist's
// supervisor reads.
import { endpointPath, endpoints } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames, unknownId } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  asCourse,
  asSession,
  newClient,
  newCourse,
  planOf,
  signedInAs,
} from "../../../test/helpers/clinical";
import {
  addMember,
  asGroup,
  createGroup,
  groupRequest,
  newGroup,
  newMember,
  recordAttendance,
} from "../../../test/helpers/groups";
import { recordPhq9, supervisorOf } from "../../../test/helpers/measures";

const { app, prisma } = await createTestApp();

const courseOf = async (who: Awaited<ReturnType<typeof signedInAs>>, courseId: string) =>
  asCourse(await who.get(endpointPath(endpoints.courses.get, { courseId })));

describe("creating a group", () => {
  it("generates the group's plan: 8 weekly sessions, the first initial, the last termination (201, audited)", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = asGroup(await createGroup(therapist), 201);
    expect(group).toMatchObject({
      name: "Monday group A",
      groupSessions: 8,
      startDate: "2026-02-02",
      sessionWeekday: 1,
      sessionTime: "14:00",
      sessionMinutes: 90,
      members: [],
    });
    expect(group.sessions.map((s) => [s.number, s.plannedDate, s.phase, s.slot])).toEqual([
      [1, "2026-02-02", "initial", "group-initial"],
      [2, "2026-02-09", "middle", "group-middle"],
      [3, "2026-02-16", "middle", "group-middle"],
      [4, "2026-02-23", "middle", "group-middle"],
      [5, "2026-03-02", "middle", "group-middle"],
      [6, "2026-03-09", "middle", "group-middle"],
      [7, "2026-03-16", "middle", "group-middle"],
      [8, "2026-03-23", "termination", "group-final"],
    ]);
    for (const session of group.sessions) {
      expect(session.agenda.every((item) => item.sources.length > 0)).toBe(true);
      expect(session.attendance).toEqual([]);
    }
    const [audit] = await auditRows(prisma, { entityId: group.id, action: "group.created" });
    expect(audit?.entityType).toBe("therapy_group");
    // Ids, counts and field names only: not the group's name.
    expect(JSON.stringify(audit?.details)).not.toContain("Monday group A");
  });

  it.each([
    ["too few group sessions", { groupSessions: 4 }, ["body.groupSessions"]],
    ["too long a session", { sessionMinutes: 240 }, ["body.sessionMinutes"]],
    ["both", { groupSessions: 30, sessionMinutes: 20 }, ["body.groupSessions", "body.sessionMinutes"]],
    ["no name", { name: "  " }, ["body.name"]],
    ["an unknown field", { clientNames: "Ann, Bob" }, ["body"]],
  ])("refuses %s with 400 naming the field", async (_, change, fields) => {
    const therapist = await signedInAs(app, prisma);
    const error = expectApiError(
      await createGroup(therapist, { ...groupRequest(), ...change }),
      400,
      "validation_failed",
    );
    for (const field of fields) expect(fieldNames(error).join(" ")).toContain(field);
    expect(await prisma.therapyGroup.count({ where: { therapistId: therapist.id } })).toBe(0);
  });
});

describe("members", () => {
  it("opens each member's own course of kind group, its plan following the group's, in one write", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const { group: after, courseId, clientId } = await newMember(therapist, group.id, "Member one");
    expect(after.members).toEqual([
      expect.objectContaining({
        courseId,
        client: { id: clientId, displayName: "Member one" },
        phase: "initial",
        primaryArea: null,
        openRiskFlags: 0,
        leftAt: null,
      }),
    ]);
    const course = await courseOf(therapist, courseId);
    expect(course).toMatchObject({ kind: "group", plannedSessions: 10, contractAgreedOn: "2026-01-26" });
    expect(planOf(course)).toEqual([
      [1, "2026-01-26", "initial", "group-pre", "planned"],
      [2, "2026-02-02", "initial", "group-initial", "planned"],
      [3, "2026-02-09", "middle", "group-middle", "planned"],
      [4, "2026-02-16", "middle", "group-middle", "planned"],
      [5, "2026-02-23", "middle", "group-middle", "planned"],
      [6, "2026-03-02", "middle", "group-middle", "planned"],
      [7, "2026-03-09", "middle", "group-middle", "planned"],
      [8, "2026-03-16", "middle", "group-middle", "planned"],
      [9, "2026-03-23", "termination", "group-final", "planned"],
      [10, "2026-03-30", "termination", "group-closing", "planned"],
    ]);
    const actions = (await auditRows(prisma, { entityId: group.id })).map((row) => row.action);
    expect(actions).toContain("group.member_added");
    expect(await auditRows(prisma, { entityId: courseId, action: "course.created" })).toHaveLength(1);
  });

  it("gives each member their own problem area: it reaches their middle group sessions only", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const one = await newMember(therapist, group.id, "Member one");
    const two = await newMember(therapist, group.id, "Member two");
    const course = await courseOf(therapist, one.courseId);
    asCourse(
      await therapist.put(endpointPath(endpoints.courses.setProblemArea, { courseId: one.courseId }), {
        version: course.version,
        primaryArea: "grief",
      }),
    );
    const agendaKeys = async (courseId: string, slot: string) => {
      const sessions = (await courseOf(therapist, courseId)).sessions.filter((s) => s.slot === slot);
      const keys: string[][] = [];
      for (const session of sessions) {
        const detail = asSession(
          await therapist.get(endpointPath(endpoints.sessions.get, { sessionId: session.id })),
        );
        keys.push(detail.agenda.map((item) => item.key));
      }
      return keys;
    };
    const middle = await agendaKeys(one.courseId, "group-middle");
    expect(middle).toHaveLength(6);
    expect(middle.every((keys) => keys.some((key) => key.startsWith("middle.area.grief")))).toBe(true);
    const pre = await agendaKeys(one.courseId, "group-pre");
    expect(pre.flat().some((key) => key.startsWith("middle.area"))).toBe(false);
    const other = await courseOf(therapist, two.courseId);
    expect(other.primaryArea).toBeNull();
    const otherMiddle = await agendaKeys(two.courseId, "group-middle");
    expect(otherMiddle.flat().some((key) => key.startsWith("middle.area"))).toBe(false);
    const read = asGroup(await therapist.get(endpointPath(endpoints.groups.get, { groupId: group.id })));
    expect(read.members.map((m) => m.primaryArea)).toEqual(["grief", null]);
  });

  it("refuses a client with an open course (409 naming body.clientId) and another therapist's client (400)", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const busy = await newClient(therapist);
    await newCourse(therapist, busy.id, { format: "standard", lineage: "weissman" });
    const conflict = expectApiError(await addMember(therapist, group.id, busy.id), 409, "conflict");
    expect(fieldNames(conflict)).toEqual(["body.clientId"]);

    const other = await signedInAs(app, prisma);
    const theirs = await newClient(other);
    const refused = expectApiError(await addMember(therapist, group.id, theirs.id), 400, "validation_failed");
    expect(fieldNames(refused)).toEqual(["body.clientId"]);
    expect(await prisma.course.count({ where: { clientId: theirs.id } })).toBe(0);
    const denied = await auditRows(prisma, { entityId: theirs.id, action: "client.access_denied" });
    expect(denied.map((row) => row.outcome)).toEqual(["denied"]);

    const missing = expectApiError(
      await therapist.post(endpointPath(endpoints.groups.addMember, { groupId: group.id }), {
        clientId: "not-an-id",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(missing)).toEqual(["body.agreedOn", "body.clientId"]);
  });

  it("lets a member leave: their later group sessions are removed, the course and its records stay", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const stays = await newMember(therapist, group.id, "Stays");
    const leaves = await newMember(therapist, group.id, "Leaves");
    const first = group.sessions[0]!;
    asGroup(
      await recordAttendance(therapist, group.id, first.id, {
        attendance: [
          { courseId: stays.courseId, status: "attended" },
          { courseId: leaves.courseId, status: "attended" },
        ],
      }),
    );
    const after = asGroup(
      await therapist.delete(
        endpointPath(endpoints.groups.removeMember, { groupId: group.id, courseId: leaves.courseId }),
      ),
    );
    expect(after.members.find((m) => m.courseId === leaves.courseId)?.leftAt).not.toBeNull();
    const course = await courseOf(therapist, leaves.courseId);
    expect(course.phase).toBe("initial");
    // The pre-group meeting, group session 1 (held) and the closing meeting are left.
    expect(planOf(course).map(([number, , , slot, status]) => [number, slot, status])).toEqual([
      [1, "group-pre", "planned"],
      [2, "group-initial", "held"],
      [3, "group-closing", "planned"],
    ]);
    // The next attendance lists the members still in the group.
    const second = group.sessions[1]!;
    const refused = expectApiError(
      await recordAttendance(therapist, group.id, second.id, {
        attendance: [
          { courseId: stays.courseId, status: "attended" },
          { courseId: leaves.courseId, status: "attended" },
        ],
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(refused)).toEqual(["body.attendance.1.courseId"]);
    const again = await therapist.delete(
      endpointPath(endpoints.groups.removeMember, { groupId: group.id, courseId: leaves.courseId }),
    );
    expectApiError(again, 404, "not_found");
  });
});

describe("attendance", () => {
  it("records every member's attendance in one transaction, and each member's own session follows it", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const a = await newMember(therapist, group.id, "A");
    const b = await newMember(therapist, group.id, "B");
    const c = await newMember(therapist, group.id, "C");
    const first = group.sessions[0]!;
    const recorded = asGroup(
      await recordAttendance(therapist, group.id, first.id, {
        attendance: [
          { courseId: a.courseId, status: "attended" },
          { courseId: b.courseId, status: "absent" },
          { courseId: c.courseId, status: "cancelled" },
        ],
      }),
    );
    const session = recorded.sessions[0]!;
    expect(session.attendanceRecordedAt).not.toBeNull();
    expect(session.attendance).toHaveLength(3);
    expect(
      (await courseOf(therapist, a.courseId)).sessions.find((s) => s.slot === "group-initial")?.status,
    ).toBe("held");
    expect(
      (await courseOf(therapist, b.courseId)).sessions.find((s) => s.slot === "group-initial")?.status,
    ).toBe("no_show");
    // A cancelled session gives up its number, as any cancelled session does.
    const cCourse = await courseOf(therapist, c.courseId);
    expect(cCourse.plannedSessions).toBe(9);
    expect(cCourse.sessions.find((s) => s.slot === "group-initial")).toMatchObject({
      status: "cancelled",
      number: null,
    });
    expect(planOf(cCourse).map(([number]) => number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [audit] = await auditRows(prisma, { entityId: group.id, action: "group.attendance_recorded" });
    expect(audit?.details).toMatchObject({ members: 3, attended: 1, absent: 1, cancelled: 1 });

    const twice = expectApiError(
      await recordAttendance(therapist, group.id, first.id, {
        attendance: [{ courseId: a.courseId, status: "attended" }],
      }),
      409,
      "conflict",
    );
    expect(fieldNames(twice)).toEqual(["groupSessionId"]);
  });

  it("writes nothing when one entry is wrong, and names each wrong entry", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const a = await newMember(therapist, group.id, "A");
    const b = await newMember(therapist, group.id, "B");
    const first = group.sessions[0]!;
    const stranger = unknownId();
    const error = expectApiError(
      await recordAttendance(therapist, group.id, first.id, {
        attendance: [
          { courseId: a.courseId, status: "attended" },
          { courseId: a.courseId, status: "absent" },
          { courseId: stranger, status: "attended" },
        ],
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual([
      "body.attendance",
      "body.attendance.1.courseId",
      "body.attendance.2.courseId",
    ]);
    const badStatus = expectApiError(
      await recordAttendance(therapist, group.id, first.id, {
        attendance: [{ courseId: b.courseId, status: "late" }],
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(badStatus)).toEqual(["body.attendance.0.status"]);
    expect(await prisma.groupAttendance.count({ where: { groupSessionId: first.id } })).toBe(0);
    for (const member of [a, b]) {
      const course = await courseOf(therapist, member.courseId);
      expect(course.sessions.every((s) => s.status === "planned")).toBe(true);
    }
  });

  it("refuses attendance before the group session's date (400 naming body.attendance)", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist, { startDate: "2099-06-01" });
    const a = await newMember(therapist, group.id, "A");
    const error = expectApiError(
      await recordAttendance(therapist, group.id, group.sessions[0]!.id, {
        attendance: [{ courseId: a.courseId, status: "attended" }],
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.attendance"]);
  });

  it("keeps each member's scores and risk flags their own; the group shows the open flags per member", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const a = await newMember(therapist, group.id, "A");
    const b = await newMember(therapist, group.id, "B");
    const first = group.sessions[0]!;
    asGroup(
      await recordAttendance(therapist, group.id, first.id, {
        attendance: [
          { courseId: a.courseId, status: "attended" },
          { courseId: b.courseId, status: "attended" },
        ],
      }),
    );
    const aSession = (await courseOf(therapist, a.courseId)).sessions.find(
      (s) => s.slot === "group-initial",
    )!;
    const bSession = (await courseOf(therapist, b.courseId)).sessions.find(
      (s) => s.slot === "group-initial",
    )!;
    await recordPhq9(therapist, a.courseId, aSession.id, 14, 1);
    await recordPhq9(therapist, b.courseId, bSession.id, 9);
    const read = asGroup(await therapist.get(endpointPath(endpoints.groups.get, { groupId: group.id })));
    expect(read.members.map((m) => [m.courseId, m.openRiskFlags])).toEqual([
      [a.courseId, 1],
      [b.courseId, 0],
    ]);
    expect(await prisma.riskFlag.count({ where: { courseId: b.courseId } })).toBe(0);
  });

  it("leaves a member's group sessions to the group: no plan edit, no status change on the session", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const a = await newMember(therapist, group.id, "A");
    const course = await courseOf(therapist, a.courseId);
    const groupSession = course.sessions.find((s) => s.slot === "group-initial")!;
    const status = expectApiError(
      await therapist.patch(endpointPath(endpoints.sessions.update, { sessionId: groupSession.id }), {
        version: groupSession.version,
        status: "held",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(status)).toEqual(["body.status"]);
    // Notes on the member's session stay the therapist's to write.
    asSession(
      await therapist.patch(endpointPath(endpoints.sessions.update, { sessionId: groupSession.id }), {
        version: groupSession.version,
        notes: "Invented: spoke about the move.",
      }),
    );
    // The pre-group individual meeting is the member's own session: held as any session.
    const pre = course.sessions.find((s) => s.slot === "group-pre")!;
    asSession(
      await therapist.patch(endpointPath(endpoints.sessions.update, { sessionId: pre.id }), {
        version: pre.version,
        status: "held",
      }),
    );
    const latest = await courseOf(therapist, a.courseId);
    expectApiError(
      await therapist.post(endpointPath(endpoints.courses.addSession, { courseId: a.courseId }), {
        version: latest.version,
        plannedDate: "2026-04-06",
      }),
      409,
      "conflict",
    );
  });
});

describe("access", () => {
  it("refuses another therapist (404, audited) and lets the therapist's supervisor read, not write", async () => {
    const therapist = await signedInAs(app, prisma);
    const group = await newGroup(therapist);
    const a = await newMember(therapist, group.id, "A");
    const other = await signedInAs(app, prisma);
    const path = endpointPath(endpoints.groups.get, { groupId: group.id });
    expectApiError(await other.get(path), 404, "not_found");
    const theirClient = await newClient(other);
    expectApiError(await addMember(other, group.id, theirClient.id), 404, "not_found");
    expectApiError(
      await recordAttendance(other, group.id, group.sessions[0]!.id, {
        attendance: [{ courseId: a.courseId, status: "attended" }],
      }),
      404,
      "not_found",
    );
    const denied = await auditRows(prisma, { entityId: group.id, action: "client.access_denied" });
    expect(denied.length).toBe(3);
    expect(await prisma.groupAttendance.count({ where: { courseId: a.courseId } })).toBe(0);

    const { supervisor } = await supervisorOf(app, prisma, therapist);
    const read = asGroup(await supervisor.get(path));
    expect(read.members.map((m) => m.courseId)).toEqual([a.courseId]);
    expectApiError(
      await supervisor.post(endpointPath(endpoints.groups.create), groupRequest()),
      403,
      "forbidden",
    );
    const stranger = await signedInAs(app, prisma, "supervisor");
    expectApiError(await stranger.get(path), 404, "not_found");
  });
});
