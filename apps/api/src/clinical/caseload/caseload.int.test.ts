// The caseload: filters, paging, search, ordering and its audit row. Every page served is also
// compared, row by row, with the caseload the general rules compute from every session, score and flag
// (test/helpers/caseload-reference.ts): the summary rows it reads must give the same rows. Writes made
// straight through Prisma here (not through the API) refresh their courses' summaries as an API write
// does, in the same transaction.
import { caseloadResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../../test/helpers/api";
import { createTestApp } from "../../../test/helpers/app";
import {
  contract,
  courseFor,
  asCourse,
  newClient,
  newCourse,
  signedInAs,
  type Clinician,
} from "../../../test/helpers/clinical";
import { referenceCaseload } from "../../../test/helpers/caseload-reference";
import { completedAcuteCourse, startMaintenance } from "../../../test/helpers/maintenance";
import { refreshCourseSummaries } from "../../supervision/course-summary";

const { app, prisma } = await createTestApp();

/** The caseload page; each row as the general rules compute it from scratch. */
async function caseload(who: Clinician, query = "") {
  const response = await who.get(`/api/clients${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const page = caseloadResponse.parse(response.json());
  const reference = new Map((await referenceCaseload(prisma, who.id)).map((entry) => [entry.id, entry]));
  for (const item of page.items) expect(item).toEqual(reference.get(item.id));
  return page;
}

/** What an API write does after changing courses: their summary rows recomputed, in one transaction. */
const refreshed = (courseIds: string[]) => prisma.$transaction((tx) => refreshCourseSummaries(tx, courseIds));

const names = (page: { items: { displayName: string }[] }) => page.items.map((item) => item.displayName);

describe("the caseload", () => {
  it("lists only the therapist's own clients, by name, and is audited with a count only", async () => {
    const therapist = await signedInAs(app, prisma);
    const other = await signedInAs(app, prisma);
    await newClient(therapist, { displayName: "Zoe" });
    await newClient(therapist, { displayName: "adam" });
    await newClient(other, { displayName: "Not mine" });

    const page = await caseload(therapist);

    expect(names(page)).toEqual(["adam", "Zoe"]);
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 25 });
    expect(page.items[0]).toMatchObject({
      status: "intake",
      course: null,
      nextSession: null,
      measures: null,
      flags: [],
    });
    const [event] = await auditRows(prisma, { action: "caseload.viewed" }).then((rows) =>
      rows.filter((row) => row.actorId === therapist.id),
    );
    expect(event?.details).toEqual({ count: 2 });
  });

  it("shows the current course with sessions held of planned, the next session and its flags", async () => {
    const therapist = await signedInAs(app, prisma);
    const client = await newClient(therapist, { displayName: "Current course" });
    const first = await newCourse(therapist, client.id);
    await prisma.course.update({ where: { id: first.id }, data: { phase: "completed" } });
    const second = await newCourse(therapist, client.id);
    const planned = asCourse(await therapist.put(`/api/courses/${second.id}/contract`, contract(1)));
    // Sessions 1–3 held, still in the initial phase: the initial phase is overdue.
    await prisma.therapySession.updateMany({
      where: { courseId: second.id, number: { in: [1, 2, 3] } },
      data: { status: "held" },
    });
    await refreshed([first.id, second.id]);

    const [entry] = (await caseload(therapist)).items;

    expect(entry).toMatchObject({
      id: client.id,
      status: "active",
      course: { id: second.id, format: "standard", phase: "initial", sessionsHeld: 3, plannedSessions: 12 },
      nextSession: { number: 4, plannedDate: planned.sessions[3]!.plannedDate, phase: "middle" },
    });
    // Sessions 1–3 held without a baseline PHQ-9 and GAD-7: measures are overdue too, and come first.
    expect(entry?.flags.map((flag) => flag.code)).toEqual(["measures_overdue", "initial_phase_overdue"]);
    expect(entry?.measures).toMatchObject({ latestPhq9: null, status: "no_scores", openRiskFlags: 0 });
  });

  it("flags a course whose ending has not been raised at the termination start", async () => {
    const therapist = await signedInAs(app, prisma);
    const course = await courseFor(therapist, { phase: "middle", terminationLead: 3 });
    // 12 sessions, termination 3 before the end: it starts at session 9.
    await prisma.therapySession.updateMany({
      where: { courseId: course.id, number: { lte: 8 } },
      data: { status: "held" },
    });
    await refreshed([course.id]);

    const [entry] = (await caseload(therapist)).items;

    expect(entry?.course).toMatchObject({ phase: "middle", sessionsHeld: 8 });
    expect(entry?.nextSession).toMatchObject({ number: 9, phase: "termination" });
    expect(entry?.flags.map((flag) => flag.code)).toEqual(["measures_overdue", "termination_not_raised"]);
  });

  it("orders names as the lists compare them (case and accents aside, digits by value) and pages after sorting", async () => {
    const therapist = await signedInAs(app, prisma);
    // Created in an order no rule gives.
    for (const displayName of ["client 10", "Émile", "Client 2", "emile", "Bea"]) {
      await newClient(therapist, { displayName });
    }
    const all = await caseload(therapist, "?pageSize=100");
    expect(all.total).toBe(5);
    expect(names(all).slice(0, 3)).toEqual(["Bea", "Client 2", "client 10"]);
    expect(names(all).slice(3).sort()).toEqual(["emile", "Émile"].sort());
    // Equal names (case and accents aside) go by client id.
    const ids = all.items.slice(3).map((item) => item.id);
    expect(ids).toEqual([...ids].sort());

    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await caseload(therapist, `?pageSize=2&page=${page}`));
    expect(pages.flatMap(names)).toEqual(names(all));
    expect(pages.map((page) => page.total)).toEqual([5, 5, 5]);
    // Past the end: no rows, and the total still counts what matched.
    expect(await caseload(therapist, "?pageSize=2&page=4")).toMatchObject({ items: [], total: 5, page: 4 });
  });

  it("shows a completed course as it ended, then the maintenance course that follows it", async () => {
    const therapist = await signedInAs(app, prisma);
    const acute = await completedAcuteCourse(therapist);

    const [ended] = (await caseload(therapist, `?q=${encodeURIComponent(acute.client.displayName)}`)).items;
    expect(ended).toMatchObject({
      id: acute.client.id,
      course: { id: acute.id, phase: "completed" },
      flags: [],
    });
    expect(names(await caseload(therapist, "?phase=completed"))).toEqual([acute.client.displayName]);

    const maintenance = asCourse(await startMaintenance(therapist, acute.id), 201);
    const [following] = (await caseload(therapist, `?q=${encodeURIComponent(acute.client.displayName)}`))
      .items;
    expect(following?.course).toMatchObject({ id: maintenance.id, phase: "maintenance" });
    expect(names(await caseload(therapist, "?phase=completed"))).toEqual([]);
    expect(names(await caseload(therapist, "?phase=maintenance"))).toEqual([acute.client.displayName]);
  });

  it("searches names literally and case-insensitively: % and _ are not wildcards", async () => {
    const therapist = await signedInAs(app, prisma);
    for (const displayName of ["100% Sure", "100 Sure", "a_b", "axb", "Backslash \\ here"]) {
      await newClient(therapist, { displayName });
    }

    expect(names(await caseload(therapist, "?q=%25"))).toEqual(["100% Sure"]);
    expect(names(await caseload(therapist, "?q=_"))).toEqual(["a_b"]);
    expect(names(await caseload(therapist, "?q=A_B"))).toEqual(["a_b"]);
    expect(names(await caseload(therapist, "?q=%5C"))).toEqual(["Backslash \\ here"]);
    expect(names(await caseload(therapist, "?q=sure"))).toEqual(["100 Sure", "100% Sure"]);
  });

  it("filters by client status, course phase and flags, and pages the result", async () => {
    const therapist = await signedInAs(app, prisma);
    await newClient(therapist, { displayName: "A intake, no course" });
    const initial = await newClient(therapist, { displayName: "B initial" });
    await newCourse(therapist, initial.id);
    const middle = await courseFor(therapist, { phase: "middle", terminationLead: 3 });
    await prisma.client.update({ where: { id: middle.client.id }, data: { displayName: "C middle" } });
    const flagged = await courseFor(therapist, { phase: "middle", terminationLead: 3 });
    await prisma.client.update({ where: { id: flagged.client.id }, data: { displayName: "D flagged" } });
    await prisma.therapySession.updateMany({
      where: { courseId: flagged.id, number: { lte: 9 } },
      data: { status: "held" },
    });
    await refreshed([middle.id, flagged.id]);

    expect(names(await caseload(therapist, "?status=intake"))).toEqual(["A intake, no course", "B initial"]);
    expect(names(await caseload(therapist, "?status=active"))).toEqual(["C middle", "D flagged"]);
    expect(names(await caseload(therapist, "?phase=initial"))).toEqual(["B initial"]);
    expect(names(await caseload(therapist, "?phase=middle"))).toEqual(["C middle", "D flagged"]);
    expect(names(await caseload(therapist, "?flagged=true"))).toEqual(["D flagged"]);
    expect(names(await caseload(therapist, "?flagged=false"))).toEqual([
      "A intake, no course",
      "B initial",
      "C middle",
    ]);

    const secondPage = await caseload(therapist, "?page=2&pageSize=3");
    expect(secondPage).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(names(secondPage)).toEqual(["D flagged"]);
    const filteredPage = await caseload(therapist, "?flagged=false&page=2&pageSize=2");
    expect(filteredPage).toMatchObject({ total: 3, page: 2 });
    expect(names(filteredPage)).toEqual(["C middle"]);
  });

  it("an unknown filter value answers 400 naming the query field", async () => {
    const therapist = await signedInAs(app, prisma);
    const error = expectApiError(
      await therapist.get("/api/clients?phase=archived&pageSize=500"),
      400,
      "validation_failed",
    );
    expect(fieldNames(error)).toEqual(["query.pageSize", "query.phase"]);
  });

  it("loads a page of many clients with a fixed number of queries' worth of data, each with its own course", async () => {
    const therapist = await signedInAs(app, prisma);
    const clients = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        prisma.client.create({
          data: {
            therapistId: therapist.id,
            displayName: `Bulk ${String(i).padStart(2, "0")}`,
            referralReason: "Bulk",
          },
        }),
      ),
    );
    await prisma.course.createMany({
      data: clients.map((client, i) => ({
        clientId: client.id,
        sequence: 1,
        format: "standard" as const,
        lineage: "weissman" as const,
        plannedSessions: 12 + (i % 5),
        sessionMinutes: 50,
        startDate: new Date("2026-01-05"),
      })),
    });
    await refreshed(
      (await prisma.course.findMany({ where: { clientId: { in: clients.map((c) => c.id) } } })).map(
        (c) => c.id,
      ),
    );

    const page = await caseload(therapist, "?pageSize=100");

    expect(page.total).toBe(30);
    expect(page.items.map((item) => item.course?.plannedSessions)).toEqual(
      clients.map((_, i) => 12 + (i % 5)),
    );
  });
});
