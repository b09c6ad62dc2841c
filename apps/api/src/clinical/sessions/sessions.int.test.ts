import { addDays, type AgendaItem, DEFAULT_TIME_ZONE, todayIn } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  asCourse,
  asSession,
  sessionNumbered,
  therapistWithCourse,
  type Clinician,
} from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

/** A therapist's course (12 weekly sessions from 2026-01-05) and its session numbered `number`. */
async function sessionOfNewCourse(number = 2) {
  const setup = await therapistWithCourse(app, prisma, { phase: "middle" });
  const summary = sessionNumbered(setup.course, number);
  const session = asSession(await setup.therapist.get(`/api/sessions/${summary.id}`));
  return { ...setup, session };
}

const patch = (therapist: Clinician, id: string, body: object) =>
  therapist.patch(`/api/sessions/${id}`, body);
const sign = (therapist: Clinician, id: string, version: number) =>
  therapist.post(`/api/sessions/${id}/sign`, { version });
const amend = (therapist: Clinician, id: string, body: object) =>
  therapist.post(`/api/sessions/${id}/amendments`, body);

/** Every string an audit row's details hold, to check that no clinical text reached the log. */
const auditText = async (entityId: string) =>
  JSON.stringify((await prisma.auditEvent.findMany({ where: { entityId } })).map((e) => e.details));

async function heldAndSigned(therapist: Clinician, id: string, version: number) {
  const held = asSession(
    await patch(therapist, id, { version, status: "held", notes: "Talked about the move and the new job." }),
  );
  return asSession(await sign(therapist, id, held.version));
}

describe("reading a session", () => {
  it("returns the record with its course and writes session.viewed with ids only", async () => {
    const { therapist, course, session } = await sessionOfNewCourse(4);
    expect(session).toMatchObject({
      course: {
        id: course.id,
        clientId: course.client.id,
        clientName: "Client A",
        format: "standard",
        lineage: "weissman",
        phase: "middle",
        plannedSessions: 12,
        primaryArea: "role_transition",
        disputeStage: null,
        sensitivityModifier: false,
      },
      number: 4,
      plannedDate: "2026-01-26",
      phase: "middle",
      slot: "middle",
      status: "planned",
      techniques: [],
      notes: "",
      cancelReason: null,
      signedAt: null,
      signedBy: null,
      version: 1,
      amendments: [],
    });
    expect(session.agenda[0]).toEqual({
      key: "middle.since-last",
      text: "Ask how things have been since the last session.",
      kind: "phase_task",
      sources: ["S15a", "S1c"],
      done: false,
    });
    await therapist.get(`/api/sessions/${session.id}`);
    const viewed = await auditRows(prisma, { entityId: session.id, action: "session.viewed" });
    expect(viewed).toHaveLength(2);
    expect(viewed[0]).toMatchObject({ actorId: therapist.id, entityType: "therapy_session", details: null });
  });
});

describe("editing a session", () => {
  it("records status, notes, techniques and the agenda, bumps the version and audits field names only", async () => {
    const { therapist, session } = await sessionOfNewCourse(4);
    const agenda: AgendaItem[] = [
      { ...session.agenda[0]!, done: true },
      ...session.agenda.slice(1),
      { key: "custom.sleep", text: "Check in about sleep.", kind: "custom", sources: [], done: false },
    ];

    const updated = asSession(
      await patch(therapist, session.id, {
        version: 1,
        status: "held",
        agenda,
        techniques: ["communication_analysis", "role_play"],
        incident: "Argument with a new colleague on Tuesday.",
        notes: "Mood a little better; practised asking for help.",
        betweenSessionWork: "Ask the colleague for a coffee.",
        nextFocus: "How the coffee went.",
      }),
    );

    expect(updated).toMatchObject({
      status: "held",
      version: 2,
      techniques: ["communication_analysis", "role_play"],
      incident: "Argument with a new colleague on Tuesday.",
      notes: "Mood a little better; practised asking for help.",
      betweenSessionWork: "Ask the colleague for a coffee.",
      nextFocus: "How the coffee went.",
    });
    expect(updated.agenda).toEqual(agenda);
    const [event] = await auditRows(prisma, { entityId: session.id, action: "session.updated" });
    expect(event).toMatchObject({ actorId: therapist.id, outcome: "success" });
    expect(event?.details).toEqual({
      fields: ["status", "agenda", "techniques", "incident", "notes", "betweenSessionWork", "nextFocus"],
      from: "planned",
      to: "held",
    });
    const text = await auditText(session.id);
    for (const fragment of ["colleague", "Mood", "coffee", "sleep"]) expect(text).not.toContain(fragment);
  });

  it("a template item keeps its kind and sources, and new items must be custom: 400 naming each item", async () => {
    const { therapist, session } = await sessionOfNewCourse(4);
    const [first, second] = session.agenda;
    const error = expectApiError(
      await patch(therapist, session.id, {
        version: 1,
        agenda: [
          { ...first!, kind: "custom" },
          { ...second!, sources: ["S1a"] },
          {
            key: "middle.invented",
            text: "An item with borrowed authority.",
            kind: "phase_task",
            sources: ["S4"],
            done: false,
          },
          { key: "custom.a", text: "One", kind: "custom", sources: [], done: false },
          { key: "custom.a", text: "Two", kind: "custom", sources: [], done: false },
        ],
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual([
      "body.agenda.0.kind",
      "body.agenda.1.sources",
      "body.agenda.2.kind",
      "body.agenda.4.key",
    ]);
    const row = await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.version).toBe(1);
    expect(row.agenda).toEqual(session.agenda);
  });

  it("held or no-show only on or after the session's date (in the service's time zone): 400 naming body.status", async () => {
    const today = todayIn(DEFAULT_TIME_ZONE, new Date());
    const { therapist, course } = await therapistWithCourse(app, prisma, { startDate: today });
    const first = sessionNumbered(course, 1);
    const second = sessionNumbered(course, 2);
    for (const status of ["held", "no_show"]) {
      const error = expectApiError(
        await patch(therapist, second.id, { version: 1, status }),
        400,
        "validation_failed",
      );
      expect(error.fields).toEqual([
        {
          field: "body.status",
          message: `This session is planned for ${addDays(today, 7)}: it can be marked held or no-show on or after that date.`,
        },
      ]);
    }
    expect((await prisma.therapySession.findUniqueOrThrow({ where: { id: second.id } })).status).toBe(
      "planned",
    );
    // The session dated today may be recorded.
    expect(asSession(await patch(therapist, first.id, { version: 1, status: "no_show" })).status).toBe(
      "no_show",
    );
  });

  it("a stale version answers 409 and changes nothing", async () => {
    const { therapist, session } = await sessionOfNewCourse(3);
    asSession(await patch(therapist, session.id, { version: 1, notes: "First draft." }));
    const error = expectApiError(
      await patch(therapist, session.id, { version: 1, notes: "Other tab." }),
      409,
      "conflict",
    );
    expect(error.message).toContain("This session has changed since you opened it");
    const row = await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ version: 2, notes: "First draft." });
  });

  it("a cancelled session cannot be edited: 409", async () => {
    const { therapist, course, session } = await sessionOfNewCourse(5);
    asCourse(
      await therapist.post(`/api/courses/${course.id}/plan/cancel`, {
        version: course.version,
        sessionId: session.id,
        reason: "client unwell",
        replace: true,
      }),
    );
    const cancelled = asSession(await therapist.get(`/api/sessions/${session.id}`));
    expect(cancelled).toMatchObject({
      status: "cancelled",
      number: null,
      phase: null,
      cancelReason: "client unwell",
    });
    const error = expectApiError(
      await patch(therapist, session.id, { version: cancelled.version, notes: "x" }),
      409,
      "conflict",
    );
    expect(error.message).toBe("A cancelled session cannot be edited. Plan a new session instead.");
  });
});

describe("signing a session", () => {
  it("only a held or no-show session can be signed: 422 saying why", async () => {
    const { therapist, session } = await sessionOfNewCourse(2);
    const error = expectApiError(await sign(therapist, session.id, 1), 422, "rule_unmet");
    expect(error).toMatchObject({
      message: "Only a held or no-show session can be signed.",
      fields: [
        { field: "status", message: "This session is still planned: record it as held or no-show first." },
      ],
    });
    expect(
      (await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } })).signedAt,
    ).toBeNull();
  });

  it("a held session is signed by the therapist, and audited", async () => {
    const { therapist, session } = await sessionOfNewCourse(2);
    const signed = await heldAndSigned(therapist, session.id, 1);
    expect(signed.version).toBe(3);
    expect(signed.signedBy).toEqual({ id: therapist.id, name: therapist.name, email: therapist.email });
    expect(Date.now() - Date.parse(signed.signedAt!)).toBeLessThan(60_000);
    const [event] = await auditRows(prisma, { entityId: session.id, action: "session.signed" });
    expect(event).toMatchObject({ actorId: therapist.id, details: { status: "held" } });
    expectApiError(await sign(therapist, session.id, signed.version), 409, "conflict");
  });

  it("a stale version answers 409 and leaves the session unsigned", async () => {
    const { therapist, session } = await sessionOfNewCourse(2);
    asSession(await patch(therapist, session.id, { version: 1, status: "held" }));
    expectApiError(await sign(therapist, session.id, 1), 409, "conflict");
    expect(
      (await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } })).signedAt,
    ).toBeNull();
  });
});

describe("a signed session", () => {
  it("cannot be edited: 409, and the record is unchanged", async () => {
    const { therapist, session } = await sessionOfNewCourse(2);
    const signed = await heldAndSigned(therapist, session.id, 1);
    const before = await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } });
    for (const body of [{ notes: "Rewritten." }, { status: "planned" }, { agenda: [] }]) {
      const error = expectApiError(
        await patch(therapist, session.id, { version: signed.version, ...body }),
        409,
        "conflict",
      );
      expect(error.message).toBe("A signed session cannot be edited. Add an amendment instead.");
    }
    expect(await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } })).toEqual(before);
  });

  it("takes amendments, kept in order, while the original record stays as signed", async () => {
    const { therapist, session } = await sessionOfNewCourse(2);
    const signed = await heldAndSigned(therapist, session.id, 1);

    const first = asSession(
      await amend(therapist, session.id, {
        reason: "Wrong day mentioned",
        text: "The argument was on Monday.",
      }),
      201,
    );
    const second = asSession(
      await amend(therapist, session.id, {
        reason: "Missing detail",
        text: "Client also reported better sleep.",
      }),
      201,
    );

    expect(first.amendments).toHaveLength(1);
    expect(second.amendments.map((a) => [a.reason, a.text])).toEqual([
      ["Wrong day mentioned", "The argument was on Monday."],
      ["Missing detail", "Client also reported better sleep."],
    ]);
    expect(second.amendments[0]?.author).toEqual({
      id: therapist.id,
      name: therapist.name,
      email: therapist.email,
    });
    expect(second).toMatchObject({
      notes: "Talked about the move and the new job.",
      signedAt: signed.signedAt,
      version: signed.version,
    });
    const events = await auditRows(prisma, { entityId: session.id, action: "session.amended" });
    expect(events.map((e) => e.details)).toEqual(second.amendments.map((a) => ({ amendmentId: a.id })));
    const text = await auditText(session.id);
    for (const fragment of ["Monday", "sleep", "Wrong day", "move"]) expect(text).not.toContain(fragment);
    // The database itself refuses to rewrite an amendment.
    await expect(
      prisma.sessionAmendment.update({ where: { id: first.amendments[0]!.id }, data: { text: "Rewritten" } }),
    ).rejects.toThrow();
  });

  it("amending an unsigned session answers 409 and writes nothing", async () => {
    const { therapist, session } = await sessionOfNewCourse(2);
    const error = expectApiError(
      await amend(therapist, session.id, { reason: "Fix", text: "Text." }),
      409,
      "conflict",
    );
    expect(error.message).toBe(
      "Only a signed session takes amendments. Edit the record directly until it is signed.",
    );
    expect(await prisma.sessionAmendment.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it("an amendment needs a reason and a text: 400 naming both", async () => {
    const { therapist, session } = await sessionOfNewCourse(2);
    await heldAndSigned(therapist, session.id, 1);
    const error = expectApiError(
      await amend(therapist, session.id, { reason: " ", text: "" }),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["body.reason", "body.text"]);
  });
});

describe("on a completed course", () => {
  it("sessions can no longer be edited or signed (409), and signed records still take amendments", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const one = sessionNumbered(course, 1);
    const two = sessionNumbered(course, 2);
    const signed = await heldAndSigned(therapist, one.id, 1);
    const held = asSession(await patch(therapist, two.id, { version: 1, status: "held" }));
    const current = asCourse(await therapist.get(`/api/courses/${course.id}`));
    asCourse(
      await therapist.post(`/api/courses/${course.id}/completion`, {
        version: current.version,
        outcome: "discontinued",
        reason: "Client moved away",
        endedOn: "2026-01-20",
      }),
    );
    const message = "This course is completed: its plan and records can no longer be changed.";
    expect(
      expectApiError(await patch(therapist, two.id, { version: held.version, notes: "x" }), 409, "conflict")
        .message,
    ).toBe(message);
    expect(expectApiError(await sign(therapist, two.id, held.version), 409, "conflict").message).toBe(
      message,
    );
    const amended = asSession(
      await amend(therapist, one.id, { reason: "Late correction", text: "Corrected." }),
      201,
    );
    expect(amended.amendments).toHaveLength(1);
    expect(amended.version).toBe(signed.version);
  });
});
