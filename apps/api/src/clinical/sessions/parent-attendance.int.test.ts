// IPT-A parent or carer attendance on a session record (shared ipt/parent-attendance, [S20c]), on real
// PostgreSQL: recorded on an IPT-A course's held session, refused elsewhere naming the field.
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  asCourse,
  asSession,
  holdSessions,
  sessionNumbered,
  therapistWithCourse,
} from "../../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

describe("IPT-A parent or carer attendance", () => {
  it("is recorded on a held IPT-A session and shown in the record and the course's sessions", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { format: "ipt_a" });
    const held = await holdSessions(therapist, course.id, [1]);
    const first = sessionNumbered(held, 1);
    const saved = asSession(
      await therapist.patch(`/api/sessions/${first.id}`, {
        version: first.version,
        parentAttendance: "joint",
      }),
    );
    expect(saved.parentAttendance).toBe("joint");
    const again = asCourse(await therapist.get(`/api/courses/${course.id}`));
    expect(sessionNumbered(again, 1).parentAttendance).toBe("joint");
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "session.updated", entityId: first.id },
      orderBy: { id: "desc" },
    });
    expect(audit.details).toMatchObject({ fields: ["parentAttendance"] });
  });

  it.each([
    ["a standard course", "standard", true],
    ["a planned IPT-A session", "ipt_a", false],
  ] as const)("is refused on %s, naming the field (400)", async (_, format, hold) => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { format });
    const current = hold ? await holdSessions(therapist, course.id, [1]) : course;
    const session = sessionNumbered(current, 1);
    const refused = expectApiError(
      await therapist.patch(`/api/sessions/${session.id}`, {
        version: session.version,
        parentAttendance: "parent_only",
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(refused)).toEqual(["body.parentAttendance"]);
    expect(
      (await prisma.therapySession.findUniqueOrThrow({ where: { id: session.id } })).parentAttendance,
    ).toBeNull();
  });
});
