// A therapist reaches only their own clients. Another therapist gets the same 404 as for an id that
// does not exist (audited as denied); supervisors and admins are refused by the policy (403), except
// that a supervisor may read a course of a therapist assigned to them (404 for any other).
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import type { PrismaClient } from "../db/prisma";
import {
  addLifeEvent,
  addPerson,
  contract,
  courseFor,
  newClient,
  signedInAs,
  type Clinician,
  type Method,
} from "../../test/helpers/clinical";

const { app, prisma } = await createTestApp();

const owner = await signedInAs(app, prisma);
const client = await newClient(owner, { displayName: "Private Person", referralReason: "Private reason" });
const person = await addPerson(owner, client.id, "Private partner");
const event = await addLifeEvent(owner, client.id, "dispute");
const course = await courseFor(owner, { client });

interface Attempt {
  method: Method;
  route: string;
  url: string;
  body?: Record<string, unknown>;
}

const c = `/api/clients/${client.id}`;
const k = `/api/courses/${course.id}`;
/** Every route that names a client or one of its records, with a body that passes validation. */
const attempts: Attempt[] = [
  { method: "GET", route: "/api/clients/:clientId", url: c },
  { method: "PATCH", route: "/api/clients/:clientId", url: c, body: { version: 1, displayName: "Taken" } },
  { method: "GET", route: "/api/clients/:clientId/inventory", url: `${c}/inventory` },
  {
    method: "POST",
    route: "/api/clients/:clientId/inventory/people",
    url: `${c}/inventory/people`,
    body: { label: "Intruder", relationship: "none", ring: "outer" },
  },
  {
    method: "PATCH",
    route: "/api/clients/:clientId/inventory/people/:personId",
    url: `${c}/inventory/people/${person.id}`,
    body: { version: 1, label: "Changed" },
  },
  {
    method: "DELETE",
    route: "/api/clients/:clientId/inventory/people/:personId",
    url: `${c}/inventory/people/${person.id}?version=1`,
  },
  {
    method: "POST",
    route: "/api/clients/:clientId/inventory/events",
    url: `${c}/inventory/events`,
    body: { occurredOn: "2025-01-01", kind: "other", description: "Planted" },
  },
  {
    method: "PATCH",
    route: "/api/clients/:clientId/inventory/events/:eventId",
    url: `${c}/inventory/events/${event.id}`,
    body: { version: 1, kind: "other" },
  },
  {
    method: "DELETE",
    route: "/api/clients/:clientId/inventory/events/:eventId",
    url: `${c}/inventory/events/${event.id}?version=1`,
  },
  {
    method: "POST",
    route: "/api/clients/:clientId/courses",
    url: `${c}/courses`,
    body: { format: "standard", lineage: "weissman" },
  },
  { method: "GET", route: "/api/courses/:courseId", url: k },
  {
    method: "PATCH",
    route: "/api/courses/:courseId/initial-tasks",
    url: `${k}/initial-tasks`,
    body: { version: course.version, sickRoleGiven: true },
  },
  {
    method: "PUT",
    route: "/api/courses/:courseId/problem-area",
    url: `${k}/problem-area`,
    body: { version: course.version, primaryArea: "grief" },
  },
  {
    method: "PUT",
    route: "/api/courses/:courseId/formulation",
    url: `${k}/formulation`,
    body: { version: course.version, formulation: "Overwritten", agreedOn: null },
  },
  {
    method: "PUT",
    route: "/api/courses/:courseId/contract",
    url: `${k}/contract`,
    body: contract(course.version, { plannedSessions: 16 }),
  },
  {
    method: "POST",
    route: "/api/courses/:courseId/middle-phase",
    url: `${k}/middle-phase`,
    body: { version: course.version },
  },
];

/** Everything stored about the owner's client, to prove a refused call changed nothing. */
async function snapshot(db: PrismaClient) {
  return Promise.all([
    db.client.findMany({ where: { therapistId: owner.id }, orderBy: { id: "asc" } }),
    db.inventoryPerson.findMany({ where: { clientId: client.id }, orderBy: { id: "asc" } }),
    db.lifeEvent.findMany({ where: { clientId: client.id }, orderBy: { id: "asc" } }),
    db.course.findMany({ where: { clientId: client.id }, orderBy: { id: "asc" } }),
    db.therapySession.findMany({ where: { courseId: course.id }, orderBy: { id: "asc" } }),
    db.problemAreaChange.count(),
    db.planChange.count(),
  ]);
}

const attempt = (who: Clinician, { method, url, body }: Attempt) => who.call(method, url, body);

describe("access to clinical records", () => {
  it("the walk below covers every route under /api/clients and every course set-up route", () => {
    const walked = new Set(attempts.map((a) => `${a.method} ${a.route}`));
    const clientRoutes = app.registeredRoutes
      .filter((route) => route.url.startsWith("/api/clients/:clientId") && route.method !== "HEAD")
      .map((route) => `${route.method} ${route.url}`);
    for (const route of clientRoutes) expect(walked, route).toContain(route);
    for (const route of walked) {
      const registered = app.registeredRoutes.find((r) => `${r.method} ${r.url}` === route);
      const policy = route === "GET /api/courses/:courseId" ? "clinicalReader" : "therapist";
      expect(registered?.policy, route).toBe(policy);
    }
  });

  it("another therapist gets 404 on every route, changes nothing, and each attempt is audited as denied", async () => {
    const intruder = await signedInAs(app, prisma);
    const before = await snapshot(prisma);

    for (const a of attempts) {
      const error = expectApiError(await attempt(intruder, a), 404, "not_found");
      expect(error.message, `${a.method} ${a.route}`).not.toContain("Private");
    }

    expect(await snapshot(prisma)).toEqual(before);
    const denied = await prisma.auditEvent.findMany({
      where: { actorId: intruder.id, action: { not: "auth.login" } },
    });
    expect(denied).toHaveLength(attempts.length);
    expect(denied.every((row) => row.action === "client.access_denied" && row.outcome === "denied")).toBe(
      true,
    );
    expect(new Set(denied.map((row) => row.entityId))).toEqual(new Set([client.id, course.id]));
    expect(JSON.stringify(denied.map((row) => row.details))).not.toContain("Private");
  });

  it("the other therapist's 404 is the same as for an id that does not exist", async () => {
    const intruder = await signedInAs(app, prisma);
    const real = expectApiError(await intruder.get(c), 404, "not_found");
    const missing = expectApiError(
      await intruder.get(`/api/clients/${crypto.randomUUID()}`),
      404,
      "not_found",
    );
    expect(real.message).toBe(missing.message);
  });

  it("another therapist's caseload does not list the client, even when searching for it", async () => {
    const intruder = await signedInAs(app, prisma);
    const response = await intruder.get("/api/clients?q=Private");
    expect(response.json()).toMatchObject({ items: [], total: 0 });
  });

  it.each(["supervisor", "admin"] as const)(
    "a %s is refused with 403 on every route (a supervisor reading an unassigned course: 404) and changes nothing",
    async (role) => {
      const other = await signedInAs(app, prisma, role);
      const before = await snapshot(prisma);
      for (const a of [
        ...attempts,
        { method: "GET", route: "/api/clients", url: "/api/clients" },
        {
          method: "POST",
          route: "/api/clients",
          url: "/api/clients",
          body: { displayName: "Not allowed", referralReason: "No" },
        },
      ] satisfies Attempt[]) {
        // A supervisor may read courses, but not this one (no assignment): the 404 of a missing record.
        const readable = role === "supervisor" && a.method === "GET" && a.route === "/api/courses/:courseId";
        if (readable) expectApiError(await attempt(other, a), 404, "not_found");
        else expectApiError(await attempt(other, a), 403, "forbidden");
      }
      expect(await snapshot(prisma)).toEqual(before);
      expect(await prisma.client.count({ where: { displayName: "Not allowed" } })).toBe(0);
    },
  );

  it("the owner still reaches everything afterwards, and reads are audited without clinical text", async () => {
    for (const url of [c, `${c}/inventory`, k, "/api/clients"]) {
      expect((await owner.get(url)).statusCode, url).toBe(200);
    }
    const rows = await prisma.auditEvent.findMany({ where: { actorId: owner.id } });
    const actions = new Set(rows.map((row) => row.action));
    for (const action of ["client.viewed", "inventory.viewed", "course.viewed", "caseload.viewed"]) {
      expect(actions).toContain(action);
    }
    const details = JSON.stringify(rows.map((row) => row.details));
    for (const text of ["Private Person", "Private reason", "Private partner", "missed session"]) {
      expect(details).not.toContain(text);
    }
  });
});
