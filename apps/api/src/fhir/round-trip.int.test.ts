// Import on real PostgreSQL: a Bundle of ours is refused whole with each problem's path (nothing
// written), and export → import into an empty database → export gives the same content, ids aside, for
// every demo course — the maintenance one with the acute course it continues in its Bundle —
// pseudonymised (the default) and with identifying details — supervisors' review threads, messages,
// fidelity ratings, co-signatures and risk-flag acknowledgements included (they come back under the
// reference the Bundle gave, shown as "Imported: <reference>" with their time; nothing stays behind,
// docs/decisions/018). A pseudonymised export names no third party of the inventory.
import {
  attentionResponse,
  courseFidelity,
  endpoints,
  endpointPath,
  fhirImportResponse,
  fidelityItemKeys,
  fidelityRating,
  importedAuthorName,
  reviewThread,
  reviewThreadsResponse,
} from "@ipt/shared";
import type { Bundle, Observation } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import { newClient, newCourse, ok, signedInAs } from "../../test/helpers/clinical";
import { idsAside, supervisionOf } from "../../test/helpers/fhir-compare";
import { supervisorOf } from "../../test/helpers/measures";
import { demoActor, seedDemoAccounts } from "../seed/demo-accounts";
import { seedDemoCaseloads } from "../seed/demo-caseload";
import { live as liveRows, removal } from "../clinical/live";
import { exportCourse } from "./export-service";
import { isLifeEvent } from "./inventory";
import { isFidelityRating } from "./supervision";

const source = await createTestApp();
await seedDemoAccounts(source.prisma);
await seedDemoCaseloads(source.prisma);

const target = await createTestApp();
const admin = await signedInAs(target.app, target.prisma, "admin");
const therapist = await signedInAs(target.app, target.prisma, "therapist");
const IMPORT = endpointPath(endpoints.fhir.importCourse);

/** An export as the therapist makes it: pseudonymised unless `identifying`. */
async function exportFrom(
  prisma: typeof source.prisma,
  courseId: string,
  therapistId: string,
  identifying = false,
) {
  return (await exportCourse(
    prisma,
    demoActor(therapistId, "therapist"),
    courseId,
    identifying ? { identifying: "true" } : {},
  )) as Bundle;
}

describe("FHIR import", () => {
  it.each([
    ["pseudonymised (the default)", false],
    ["with identifying details", true],
  ])(
    "gives back the same content for every demo course, %s (ids aside)",
    async (_, identifying) => {
      const courses = await source.prisma.course.findMany({
        where: { kind: { not: "group" } },
        select: { id: true, kind: true, client: { select: { therapistId: true } } },
      });
      expect(courses.length).toBeGreaterThanOrEqual(7);
      expect(courses.filter((course) => course.kind === "maintenance")).toHaveLength(1);
      const before = await target.prisma.auditEvent.count({
        where: { action: "fhir.course_imported", actorId: admin.id },
      });
      const supervision: Record<string, number> = {};
      for (const course of courses) {
        const first = await exportFrom(source.prisma, course.id, course.client.therapistId, identifying);
        const imported = ok(
          await admin.post(IMPORT, { therapistId: therapist.id, bundle: first }),
          fhirImportResponse,
          201,
        );
        const second = await exportFrom(target.prisma, imported.courseId, therapist.id, identifying);
        expect(idsAside(second)).toEqual(idsAside(first));
        for (const [key, count] of Object.entries(supervisionOf(first)))
          supervision[key] = (supervision[key] ?? 0) + count;
      }
      // The comparison covered supervisors' threads, replies, ratings and co-signatures and the therapist's
      // side: dropping any of them would fail it. (The demo has no thread a therapist opened and no
      // acknowledged flag: the tests below and the property test make them.)
      expect(Object.keys(supervision).sort()).toEqual([
        "Communication supervisor",
        "Communication therapist",
        "Flag follow-up supervisor",
        "Observation self",
        "Observation supervisor",
        "Provenance co-signature",
        "Task supervisor",
      ]);
      const audited = await target.prisma.auditEvent.count({
        where: { action: "fhir.course_imported", actorId: admin.id },
      });
      // One row per course written: the maintenance Bundle writes its acute course too.
      expect(audited - before).toBe(courses.length + 1);
      // Fourteen exports and eight imports on real PostgreSQL: about 15 s on a busy 2-core machine.
    },
    120_000,
  );

  it("imports the demo maintenance course with the acute course its Bundle carries, one client, in one go", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { kind: "maintenance" },
      select: { id: true, acuteCourseId: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId, true);
    const plans = (bundle.entry ?? []).flatMap((entry) =>
      entry.resource?.resourceType === "CarePlan" ? [{ fullUrl: entry.fullUrl, plan: entry.resource }] : [],
    );
    // Two CarePlans: the acute one first, and the maintenance one that replaces it; one Patient.
    expect(plans).toHaveLength(2);
    expect(plans[1]?.plan.replaces).toEqual([{ reference: plans[0]?.fullUrl }]);
    expect(plans[0]?.plan.replaces).toBeUndefined();
    expect((bundle.entry ?? []).filter((e) => e.resource?.resourceType === "Patient")).toHaveLength(1);

    const imported = ok(
      await admin.post(IMPORT, { therapistId: therapist.id, bundle }),
      fhirImportResponse,
      201,
    );
    const written = await target.prisma.course.findMany({
      where: { clientId: imported.clientId },
      select: { id: true, kind: true, acuteCourseId: true, outcome: true },
      orderBy: { sequence: "asc" },
    });
    expect(written.map((c) => [c.kind, c.acuteCourseId, c.outcome])).toEqual([
      ["acute", null, "completed"],
      ["maintenance", written[0]?.id, null],
    ]);
    expect(written[1]?.id).toBe(imported.courseId);
    // The acute course as imported gives its own export back too.
    const acuteFirst = await exportFrom(
      source.prisma,
      course.acuteCourseId ?? "",
      course.client.therapistId,
      true,
    );
    const acuteAgain = await exportFrom(target.prisma, written[0]?.id ?? "", therapist.id, true);
    expect(idsAside(acuteAgain)).toEqual(idsAside(acuteFirst));
  });

  it("imports the same acute course twice as two clients (never merged), the second with new calendar UIDs", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { kind: "maintenance" },
      select: { id: true, acuteCourseId: true, client: { select: { therapistId: true } } },
    });
    const acuteBundle = await exportFrom(
      source.prisma,
      course.acuteCourseId ?? "",
      course.client.therapistId,
    );
    const maintenanceBundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const receiver = await signedInAs(target.app, target.prisma, "therapist");
    const first = ok(
      await admin.post(IMPORT, { therapistId: receiver.id, bundle: acuteBundle }),
      fhirImportResponse,
      201,
    );
    const second = ok(
      await admin.post(IMPORT, { therapistId: receiver.id, bundle: maintenanceBundle }),
      fhirImportResponse,
      201,
    );
    expect(second.clientId).not.toBe(first.clientId);
    const courses = await target.prisma.course.findMany({
      where: { client: { therapistId: receiver.id } },
      select: { clientId: true, kind: true },
    });
    expect(courses.filter((c) => c.clientId === first.clientId).map((c) => c.kind)).toEqual(["acute"]);
    expect(
      courses
        .filter((c) => c.clientId === second.clientId)
        .map((c) => c.kind)
        .sort(),
    ).toEqual(["acute", "maintenance"]);
    const uids = await target.prisma.therapySession.findMany({
      where: { course: { client: { therapistId: receiver.id } } },
      select: { calendarUid: true },
    });
    expect(new Set(uids.map((u) => u.calendarUid)).size).toBe(uids.length);
  });

  it("refuses a maintenance Bundle whose CarePlan does not replace the acute one, or without a completed acute course, naming the path", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { kind: "maintenance" },
      select: { id: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const planIndexes = (bundle.entry ?? []).flatMap((e, index) =>
      e.resource?.resourceType === "CarePlan" ? [index] : [],
    );
    const [acuteIndex = -1, ownIndex = -1] = planIndexes;
    const unlinked = structuredClone(bundle);
    const own = unlinked.entry?.[ownIndex]?.resource;
    if (own?.resourceType !== "CarePlan") throw new Error("shape");
    delete own.replaces;
    const before = await target.prisma.course.count();
    const response = await admin.post(IMPORT, { therapistId: therapist.id, bundle: unlinked });
    expect(response.statusCode, response.body).toBe(400);
    const fields = response.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields;
    expect(fields.map((f) => f.field)).toEqual([`bundle.entry[${String(ownIndex)}].resource.replaces`]);
    expect(fields[0]?.message).toMatch(/must replace \(CarePlan.replaces\)/);

    const open = structuredClone(bundle);
    const acute = open.entry?.[acuteIndex]?.resource;
    if (acute?.resourceType !== "CarePlan") throw new Error("shape");
    acute.extension = acute.extension?.filter((e) => !e.url.endsWith("/outcome"));
    const refused = await admin.post(IMPORT, { therapistId: therapist.id, bundle: open });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields).toEqual([
      {
        field: `bundle.entry[${String(acuteIndex)}].resource.extension`,
        message: "A maintenance course continues a completed acute course: this one is not completed.",
      },
    ]);
    expect(await target.prisma.course.count()).toBe(before);
  });

  it("refuses an invalid Bundle whole, naming each problem's path, and writes nothing", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { measureScores: { some: { instrument: "phq9" } } },
      select: { id: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const entries = bundle.entry ?? [];
    const planIndex = entries.findIndex((e) => e.resource?.resourceType === "CarePlan");
    const itemIndex = entries.findIndex(
      (e) => e.resource?.resourceType === "Observation" && e.resource.code.coding?.[0]?.code === "44250-9",
    );
    const broken = structuredClone(bundle);
    const plan = broken.entry?.[planIndex]?.resource;
    const item = broken.entry?.[itemIndex]?.resource;
    if (plan?.resourceType !== "CarePlan" || item?.resourceType !== "Observation") throw new Error("shape");
    delete (plan as { status?: string }).status;
    item.valueCodeableConcept = {
      coding: [{ system: "http://loinc.org", code: "LA6575-0", display: "Very difficult" }],
    };

    const before = await Promise.all([target.prisma.client.count(), target.prisma.course.count()]);
    const response = await admin.post(IMPORT, { therapistId: therapist.id, bundle: broken });
    expect(response.statusCode, response.body).toBe(400);
    const fields = response.json<{ error: { fields: { field: string; message: string }[] } }>().error.fields;
    expect(fields.map((f) => f.field)).toEqual(
      expect.arrayContaining([
        `bundle.entry[${String(planIndex)}].resource.status`,
        `bundle.entry[${String(itemIndex)}].resource.valueCodeableConcept`,
      ]),
    );
    expect(await Promise.all([target.prisma.client.count(), target.prisma.course.count()])).toEqual(before);
  });

  it("writes nothing when a write fails part-way: the import is one transaction", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { kind: "acute", sessions: { some: { fidelityRatings: { some: {} } } } },
      select: { id: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const counts = () =>
      Promise.all([
        target.prisma.client.count(),
        target.prisma.course.count(),
        target.prisma.therapySession.count(),
        target.prisma.measureScore.count(),
        target.prisma.reviewThread.count(),
        target.prisma.auditEvent.count({ where: { action: "fhir.course_imported" } }),
      ]);
    // Fidelity ratings are written after the client, course, sessions, scores, flags, inventory and
    // threads: a failure there must take all of those back with it.
    await target.prisma.$executeRawUnsafe(
      `CREATE FUNCTION test_refuse_rating() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'invented failure'; END $$`,
    );
    await target.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_rating BEFORE INSERT ON fidelity_ratings FOR EACH STATEMENT EXECUTE FUNCTION test_refuse_rating()`,
    );
    try {
      const before = await counts();
      const response = await admin.post(IMPORT, { therapistId: therapist.id, bundle });
      expect(response.statusCode).toBe(500);
      expect(await counts()).toEqual(before);
    } finally {
      await target.prisma.$executeRawUnsafe(`DROP TRIGGER test_refuse_rating ON fidelity_ratings`);
      await target.prisma.$executeRawUnsafe(`DROP FUNCTION test_refuse_rating()`);
    }
    ok(await admin.post(IMPORT, { therapistId: therapist.id, bundle }), fhirImportResponse, 201);
  });

  it("refuses a therapist who is not one of this instance, and a caller who is not an admin", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { kind: "acute" },
      select: { id: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const wrong = await admin.post(IMPORT, { therapistId: admin.id, bundle });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field)).toEqual(
      ["therapistId"],
    );
    expect((await therapist.post(IMPORT, { therapistId: therapist.id, bundle })).statusCode).toBe(403);
  });

  it("leaves removed inventory rows out, and imports the live ones with their links", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { kind: "acute", client: { people: { some: {} } } },
      select: { id: true, clientId: true, client: { select: { therapistId: true } } },
    });
    const kept = await source.prisma.inventoryPerson.create({
      data: { clientId: course.clientId, label: "Invented aunt", relationship: "Aunt", ring: "middle" },
    });
    const removed = await source.prisma.inventoryPerson.create({
      data: { clientId: course.clientId, label: "Invented removed", relationship: "Friend", ring: "outer" },
    });
    const event = (personId: string | null, description: string) =>
      source.prisma.lifeEvent.create({
        data: {
          clientId: course.clientId,
          personId,
          occurredOn: new Date("2025-10-01"),
          kind: "other",
          description,
        },
      });
    await event(kept.id, "Invented: the aunt fell ill.");
    await event(removed.id, "Invented: about the removed friend.");
    const gone = await event(null, "Invented: removed event.");
    await source.prisma.inventoryPerson.update({ where: { id: removed.id }, data: removal() });
    await source.prisma.lifeEvent.update({ where: { id: gone.id }, data: removal() });

    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId, true);
    const text = JSON.stringify(bundle);
    expect(text).not.toContain(removed.id);
    expect(text).not.toContain("Invented removed");
    expect(text).not.toContain("Invented: removed event.");
    const events = (bundle.entry ?? []).flatMap((e) =>
      e.resource?.resourceType === "Observation" && isLifeEvent(e.resource) ? [e.resource] : [],
    );
    const about = (description: string) => events.find((e) => e.valueString === description);
    expect(about("Invented: the aunt fell ill.")?.focus).toEqual([{ reference: `urn:uuid:${kept.id}` }]);
    expect(about("Invented: about the removed friend.")?.focus).toBeUndefined();

    const imported = ok(
      await admin.post(IMPORT, { therapistId: therapist.id, bundle }),
      fhirImportResponse,
      201,
    );
    const live = await source.prisma.inventoryPerson.count({
      where: { clientId: course.clientId, ...liveRows },
    });
    expect(await target.prisma.inventoryPerson.count({ where: { clientId: imported.clientId } })).toBe(live);
    const aunt = await target.prisma.inventoryPerson.findFirstOrThrow({
      where: { clientId: imported.clientId, label: "Invented aunt" },
      select: { id: true, lifeEvents: { select: { description: true } } },
    });
    expect(aunt.lifeEvents).toEqual([{ description: "Invented: the aunt fell ill." }]);
  });

  it("refuses a malformed inventory person whole, naming its path, and writes nothing", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { kind: "acute", client: { people: { some: {} } } },
      select: { id: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const index = (bundle.entry ?? []).findIndex((e) => e.resource?.resourceType === "RelatedPerson");
    const person = bundle.entry?.[index]?.resource;
    if (person?.resourceType !== "RelatedPerson") throw new Error("shape");
    person.relationship = [{ text: "x".repeat(81) }];
    const before = await Promise.all([target.prisma.client.count(), target.prisma.inventoryPerson.count()]);
    const response = await admin.post(IMPORT, { therapistId: therapist.id, bundle });
    expect(response.statusCode, response.body).toBe(400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields;
    expect(fields.map((f) => f.field)).toEqual([
      `bundle.entry[${String(index)}].resource.relationship[0].text`,
    ]);
    expect(await Promise.all([target.prisma.client.count(), target.prisma.inventoryPerson.count()])).toEqual(
      before,
    );
  });
});

describe("FHIR import of the supervision records", () => {
  /** A held session of an open course whose therapist has a supervisor, with a therapist's comment
   *  thread (the supervisor replied, the therapist resolved it), a supervisor's open comment on the
   *  plan, and a self- and a supervisor's rating. */
  async function courseWithSupervision() {
    const session = await source.prisma.therapySession.findFirstOrThrow({
      where: {
        status: "held",
        deletedAt: null,
        fidelityRatings: { none: {} },
        course: { kind: "acute", phase: { not: "completed" }, client: { status: "active" } },
      },
      select: {
        id: true,
        courseId: true,
        course: { select: { client: { select: { therapistId: true } } } },
      },
      orderBy: { createdOrder: "asc" },
    });
    const therapistId = session.course.client.therapistId;
    const { supervisorId } = await source.prisma.supervisionAssignment.findFirstOrThrow({
      where: { therapistId },
      select: { supervisorId: true },
    });
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 12, minute));
    await source.prisma.reviewThread.create({
      data: {
        courseId: session.courseId,
        sessionId: session.id,
        target: "session",
        kind: "comment",
        openedById: therapistId,
        openedByRole: "therapist",
        createdAt: at(0),
        resolvedAt: at(3),
        resolvedById: therapistId,
        resolution: "Invented: agreed.",
        messages: {
          create: [
            {
              authorId: therapistId,
              authorRole: "therapist",
              body: "Invented: a question.",
              createdAt: at(0),
            },
            {
              authorId: supervisorId,
              authorRole: "supervisor",
              body: "Invented: an answer.",
              createdAt: at(1),
            },
            { authorId: therapistId, authorRole: "therapist", body: "Invented: thanks.", createdAt: at(2) },
          ],
        },
      },
    });
    await source.prisma.reviewThread.create({
      data: {
        courseId: session.courseId,
        target: "plan",
        kind: "comment",
        openedById: supervisorId,
        openedByRole: "supervisor",
        createdAt: at(4),
        messages: {
          create: {
            authorId: supervisorId,
            authorRole: "supervisor",
            body: "Invented: an open question about the plan.",
            createdAt: at(4),
          },
        },
      },
    });
    const scores = { diagnosis_and_sick_role: 4, inventory: 3, risk_reviewed: null };
    for (const [raterId, raterRole] of [
      [therapistId, "self"],
      [supervisorId, "supervisor"],
    ] as const) {
      await source.prisma.fidelityRating.create({
        data: {
          sessionId: session.id,
          therapistId,
          raterId,
          raterRole,
          scores: Object.fromEntries(
            fidelityItemKeys.map((key) => [key, key in scores ? scores[key as keyof typeof scores] : 3]),
          ),
          comment: `Invented: ${raterRole} comment.`,
        },
      });
    }
    return { courseId: session.courseId, sessionId: session.id, therapistId, supervisorId };
  }

  it("imports threads, messages and ratings whole: the therapist's side as the assigned therapist's, a supervisor's under the reference the Bundle gave", async () => {
    const course = await courseWithSupervision();
    const bundle = await exportFrom(source.prisma, course.courseId, course.therapistId);
    const resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
    const threads = await source.prisma.reviewThread.findMany({
      where: { courseId: course.courseId },
      select: { openedByRole: true, _count: { select: { messages: true } } },
    });
    expect(resources.filter((r) => r.resourceType === "Task")).toHaveLength(threads.length);
    expect(resources.filter((r) => r.resourceType === "Communication")).toHaveLength(
      threads.reduce((sum, t) => sum + t._count.messages, 0),
    );
    const ratings = resources.filter(
      (r): r is Observation => r.resourceType === "Observation" && isFidelityRating(r),
    );
    expect(ratings.length).toBeGreaterThanOrEqual(2);

    const imported = ok(
      await admin.post(IMPORT, { therapistId: therapist.id, bundle }),
      fhirImportResponse,
      201,
    );
    const written = await target.prisma.reviewThread.findMany({
      where: { courseId: imported.courseId },
      select: {
        openedById: true,
        openedByExternal: true,
        openedByRole: true,
        resolvedById: true,
        resolution: true,
        messages: {
          select: { authorId: true, authorExternal: true, authorRole: true, body: true },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        },
      },
    });
    // Every thread and message; the therapist's as the assigned therapist's, a supervisor's by reference.
    expect(written).toHaveLength(threads.length);
    expect(written).toContainEqual({
      openedById: therapist.id,
      openedByExternal: null,
      openedByRole: "therapist",
      resolvedById: therapist.id,
      resolution: "Invented: agreed.",
      messages: [
        {
          authorId: therapist.id,
          authorExternal: null,
          authorRole: "therapist",
          body: "Invented: a question.",
        },
        {
          authorId: null,
          authorExternal: course.supervisorId,
          authorRole: "supervisor",
          body: "Invented: an answer.",
        },
        { authorId: therapist.id, authorExternal: null, authorRole: "therapist", body: "Invented: thanks." },
      ],
    });
    // No supervisor's words are attributed to a user here.
    const bySupervisors = [
      ...written.filter((t) => t.openedByRole === "supervisor"),
      ...written.flatMap((t) => t.messages.filter((m) => m.authorRole === "supervisor")),
    ].map((record) => ("openedById" in record ? record.openedById : record.authorId));
    expect(bySupervisors.length).toBeGreaterThanOrEqual(2);
    expect(bySupervisors.every((id) => id === null)).toBe(true);
    const writtenRatings = await target.prisma.fidelityRating.findMany({
      where: { session: { courseId: imported.courseId } },
      select: { raterId: true, raterExternal: true, raterRole: true, therapistId: true },
    });
    expect(writtenRatings.length).toBe(
      await source.prisma.fidelityRating.count({
        where: { session: { courseId: course.courseId, deletedAt: null } },
      }),
    );
    expect(writtenRatings).toContainEqual({
      raterId: null,
      raterExternal: course.supervisorId,
      raterRole: "supervisor",
      therapistId: therapist.id,
    });
    expect(
      writtenRatings.every((r) =>
        r.raterRole === "self" ? r.raterId === therapist.id && r.raterExternal === null : r.raterId === null,
      ),
    ).toBe(true);
  });

  it("shows a supervisor's imported records as Imported: <reference> wherever they are read, beside a local supervisor's", async () => {
    const course = await courseWithSupervision();
    const bundle = await exportFrom(source.prisma, course.courseId, course.therapistId);
    const reader = await signedInAs(target.app, target.prisma, "therapist");
    const imported = ok(
      await admin.post(IMPORT, { therapistId: reader.id, bundle }),
      fhirImportResponse,
      201,
    );
    const external = {
      id: null,
      name: importedAuthorName(course.supervisorId),
      email: "",
      external: course.supervisorId,
    };
    expect(external.name).toBe(`Imported: ${course.supervisorId}`);

    // The course's review threads.
    const threadsPath = endpointPath(endpoints.review.listThreads, { courseId: imported.courseId });
    const threads = ok(await reader.get(threadsPath), reviewThreadsResponse);
    const messages = threads.items.flatMap((t) => t.messages);
    expect(messages.find((m) => m.body === "Invented: an answer.")?.author).toEqual(external);
    const open = threads.items.find(
      (t) => t.messages[0]?.body === "Invented: an open question about the plan.",
    );
    expect(open?.openedBy).toEqual(external);

    // The fidelity view: the imported rating by reference, the self-rating as the therapist's.
    const fidelityPath = endpointPath(endpoints.fidelity.get, { courseId: imported.courseId });
    const fidelity = ok(await reader.get(fidelityPath), courseFidelity);
    const rated = fidelity.sessions.find((s) =>
      s.supervisorRatings.some((r) => r.comment === "Invented: supervisor comment."),
    );
    expect(rated?.supervisorRatings.map((r) => r.rater)).toContainEqual(external);
    expect(rated?.selfRating?.rater.id).toBe(reader.id);

    // The therapist's "needs your attention": the supervisor's open comment waits, from the reference.
    const attention = ok(await reader.get(endpointPath(endpoints.attention.list)), attentionResponse);
    const waiting = attention.items.find((item) => item.threadId === open?.id);
    expect(waiting).toMatchObject({ kind: "comment", from: external });

    // A supervisor of this instance reads, replies and rates beside the imported records, as themselves.
    const { supervisor } = await supervisorOf(target.app, target.prisma, reader);
    const replied = ok(
      await supervisor.post(endpointPath(endpoints.review.replyToThread, { threadId: open?.id ?? "" }), {
        body: "Invented: a local supervisor's reply.",
      }),
      reviewThread,
      201,
    );
    expect(replied.messages.map((m) => m.author.id)).toEqual([null, supervisor.id]);
    expect(replied.openedBy).toEqual(external);
    const sessionId = rated?.sessionId ?? "";
    ok(
      await supervisor.put(endpointPath(endpoints.fidelity.saveRating, { sessionId }), {
        version: 0,
        scores: Object.fromEntries(fidelityItemKeys.map((key) => [key, 1])),
        comment: "",
      }),
      fidelityRating,
    );
    const after = ok(await supervisor.get(fidelityPath), courseFidelity);
    const both = after.sessions.find((s) => s.sessionId === sessionId);
    expect(both?.supervisorRatings.map((r) => r.rater.id ?? r.rater.name)).toEqual([
      external.name,
      supervisor.id,
    ]);
    // Each supervisor's rating is compared with the self-rating by the rating's id.
    expect(both?.disagreements.map((d) => d.ratingId)).toContain(both?.supervisorRatings[1]?.id);

    // Exported again, the imported records name the supervisor as the first export did.
    const again = await exportFrom(target.prisma, imported.courseId, reader.id);
    const senders = (again.entry ?? []).flatMap((e) =>
      e.resource?.resourceType === "Communication" ? [e.resource.sender?.identifier?.value] : [],
    );
    expect(senders).toContain(course.supervisorId);
    expect(senders).toContain(supervisor.id);
  });

  it("is kept by the database to one author per record, and an external one only for a supervisor's", async () => {
    const course = await newCourse(therapist, (await newClient(therapist)).id);
    const thread = (data: {
      openedById: string | null;
      openedByExternal: string | null;
      role: "therapist" | "supervisor";
    }) =>
      target.prisma.reviewThread.create({
        data: {
          courseId: course.id,
          target: "plan",
          kind: "comment",
          openedById: data.openedById,
          openedByExternal: data.openedByExternal,
          openedByRole: data.role,
        },
      });
    const reference = "0f0e0d0c-0b0a-4908-8706-050403020100";
    await expect(thread({ openedById: null, openedByExternal: null, role: "supervisor" })).rejects.toThrow(
      /review_threads_one_opener/,
    );
    await expect(
      thread({ openedById: therapist.id, openedByExternal: reference, role: "supervisor" }),
    ).rejects.toThrow(/review_threads_one_opener/);
    await expect(
      thread({ openedById: null, openedByExternal: reference, role: "therapist" }),
    ).rejects.toThrow(/review_threads_one_opener/);
    const kept = await thread({ openedById: null, openedByExternal: reference, role: "supervisor" });
    await expect(
      target.prisma.reviewMessage.create({
        data: {
          threadId: kept.id,
          authorId: null,
          authorExternal: null,
          authorRole: "supervisor",
          body: "x",
        },
      }),
    ).rejects.toThrow(/review_messages_one_author/);
  });

  it("refuses a message or rating that breaks the app's rules whole, naming each path", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { reviewThreads: { some: {} }, sessions: { some: { fidelityRatings: { some: {} } } } },
      select: { id: true, client: { select: { therapistId: true } } },
    });
    const bundle = await exportFrom(source.prisma, course.id, course.client.therapistId);
    const entries = bundle.entry ?? [];
    const messageIndex = entries.findIndex((e) => e.resource?.resourceType === "Communication");
    const ratingIndex = entries.findIndex(
      (e) => e.resource?.resourceType === "Observation" && isFidelityRating(e.resource),
    );
    const message = entries[messageIndex]?.resource;
    const rating = entries[ratingIndex]?.resource;
    if (message?.resourceType !== "Communication" || rating?.resourceType !== "Observation")
      throw new Error("shape");
    message.payload = [{ contentString: "x".repeat(4001) }];
    const component = rating.component?.findIndex((c) => c.valueInteger !== undefined) ?? -1;
    const rated = rating.component?.[component];
    if (!rated) throw new Error("shape");
    rated.valueInteger = 7;

    const before = await Promise.all([target.prisma.course.count(), target.prisma.reviewThread.count()]);
    const response = await admin.post(IMPORT, { therapistId: therapist.id, bundle });
    expect(response.statusCode, response.body).toBe(400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields;
    expect(fields.map((f) => f.field)).toEqual([
      `bundle.entry[${String(messageIndex)}].resource.payload[0].contentString`,
      `bundle.entry[${String(ratingIndex)}].resource.component[${String(component)}]`,
    ]);
    expect(await Promise.all([target.prisma.course.count(), target.prisma.reviewThread.count()])).toEqual(
      before,
    );
  });
});

describe("the inventory's people in a pseudonymised export", () => {
  it("leave with their relationship only, come back as Person 1, 2…, and with their labels when identifying", async () => {
    const course = await source.prisma.course.findFirstOrThrow({
      where: { kind: "acute", client: { people: { some: {} } } },
      select: { id: true, clientId: true, client: { select: { therapistId: true } } },
    });
    await source.prisma.inventoryPerson.create({
      data: {
        clientId: course.clientId,
        label: "Stepmother — Invented Annabel",
        relationship: "Invented stepmother",
        ring: "middle",
      },
    });
    const pseudonymised = await exportFrom(source.prisma, course.id, course.client.therapistId);
    expect(JSON.stringify(pseudonymised)).not.toContain("Invented Annabel");
    const people = (pseudonymised.entry ?? []).flatMap((e) =>
      e.resource?.resourceType === "RelatedPerson" ? [e.resource] : [],
    );
    expect(people.length).toBeGreaterThan(1);
    expect(people.every((person) => person.name === undefined)).toBe(true);
    const position = people.findIndex((p) => p.relationship?.[0]?.text === "Invented stepmother") + 1;
    expect(position).toBeGreaterThan(0);

    const imported = ok(
      await admin.post(IMPORT, { therapistId: therapist.id, bundle: pseudonymised }),
      fhirImportResponse,
      201,
    );
    const written = await target.prisma.inventoryPerson.findMany({
      where: { clientId: imported.clientId },
      select: { label: true, relationship: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(written.map((p) => p.label)).toEqual(people.map((_, index) => `Person ${String(index + 1)}`));
    expect(written[position - 1]).toEqual({
      label: `Person ${String(position)}`,
      relationship: "Invented stepmother",
    });

    const identifying = await exportFrom(source.prisma, course.id, course.client.therapistId, true);
    const named = (identifying.entry ?? []).flatMap((e) =>
      e.resource?.resourceType === "RelatedPerson" ? [e.resource] : [],
    );
    expect(named.find((p) => p.relationship?.[0]?.text === "Invented stepmother")?.name).toEqual([
      { text: "Stepmother — Invented Annabel" },
    ]);
  });
});
