// Proves that no GET (or HEAD) changes state: every such route in app.registeredRoutes (a new one is
// walked automatically) is called by every kind of actor, with the ids of real records, and afterwards
// every table holds exactly the rows it held before. The only changes allowed: new audit events
// (reads are audited; earlier events stay as they were), the counts of audited refusals
// (audit_refusal_windows: a 403 by role is audited once a minute) and login_sessions.last_seen_at.
import { describe, expect, it } from "vitest";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { fakeWebDist } from "../../test/helpers/web-dist";
import { noteSecret } from "./log-scan/sink";
import {
  addPerson,
  sessionNumbered,
  signedInAs,
  therapistWithCourse,
  type Clinician,
} from "../../test/helpers/clinical";
import { heldSession, recordPhq9, supervisorOf } from "../../test/helpers/measures";
import { maxId, tableStates, type SnapshotOptions } from "../../test/helpers/table-snapshot";

// A built web app, so its file routes are walked too.
const webDist = await fakeWebDist();

const { app, prisma } = await createTestApp({ WEB_DIST_DIR: webDist });

// A therapist's client in the middle phase with held sessions, a risk flag, an inventory person and
// a supervisor's review thread; another therapist with a client of their own.
const { therapist: owner, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
const { supervisor } = await supervisorOf(app, prisma, owner);
const admin = await signedInAs(app, prisma, "admin");
await addPerson(owner, course.client.id);
const held = await heldSession(owner, course, 1);
await heldSession(owner, course, 2);
await recordPhq9(owner, course.id, held.id, 16, 1);
const thread = await supervisor.post(`/api/courses/${course.id}/review-threads`, {
  target: "plan",
  kind: "change_request",
  body: "Add the missed-session policy.",
});
expect(thread.statusCode, thread.body).toBe(201);
const { therapist: otherTherapist } = await therapistWithCourse(app, prisma);
const otherSupervisor = await signedInAs(app, prisma, "supervisor");
const newcomer = await createAccount(prisma, { mustChangePassword: true });
const newcomerSession = await signIn(app, newcomer.email);
// The owner's calendar feed: its secret token is the one path parameter that is not a record's id.
const feed = await owner.post("/api/calendar/feed", { includeClientCode: false });
expect(feed.statusCode, feed.body).toBe(201);
const feedToken = feed.json<{ path: string }>().path.split("/").at(-1) ?? "";
// A questionnaire link of the owner's for session 3: the client's page is keyed by its token.
const link = await owner.post(`/api/sessions/${sessionNumbered(course, 3).id}/questionnaire-links`, {});
expect(link.statusCode, link.body).toBe(201);
const linkToken = link.json<{ path: string }>().path.split("/").at(-1) ?? "";
noteSecret(linkToken);
// The instance's key for FHIR pseudonyms is made once, by its first export (like the audit e-mail key):
// made here, so the walk shows that no later export changes anything.
expect((await owner.get(`/api/fhir/courses/${course.id}`)).statusCode).toBe(200);

// An IPT group of the owner's, read through its own route.
const group = await owner.post("/api/groups", {
  name: "Safe-methods group",
  lineage: "weissman",
  groupSessions: 8,
  sessionMinutes: 90,
  startDate: "2026-02-02",
  weekday: 1,
  startTime: "14:00",
});
expect(group.statusCode, group.body).toBe(201);

/** Each path parameter gets the id of a real record of the owner's. */
const ids: Record<string, string> = {
  userId: owner.id,
  clientId: course.client.id,
  courseId: course.id,
  sessionId: sessionNumbered(course, 1).id,
  groupId: group.json<{ id: string }>().id,
  token: feedToken,
  "*": "index.css",
};
const urlOf = (url: string) =>
  url.replace(/:([A-Za-z]+)|\*/g, (match, name: string | undefined) => {
    const id = name === "token" && url.startsWith("/api/questionnaires/") ? linkToken : ids[name ?? match];
    if (!id) throw new Error(`no id for ${match} in ${url}: add one above`);
    return id;
  });

const cookieOf = (who: Clinician) => who.session.cookie;
const actors: { name: string; cookie: string | null }[] = [
  { name: "anonymous", cookie: null },
  { name: "owning therapist", cookie: cookieOf(owner) },
  { name: "other therapist", cookie: cookieOf(otherTherapist) },
  { name: "assigned supervisor", cookie: cookieOf(supervisor) },
  { name: "other supervisor", cookie: cookieOf(otherSupervisor) },
  { name: "admin", cookie: cookieOf(admin) },
  { name: "user who must change a password", cookie: newcomerSession.cookie },
];

const readRoutes = app.registeredRoutes.filter((route) => route.method === "GET" || route.method === "HEAD");

describe("no GET changes state", () => {
  it("walks a meaningful set of read routes", () => {
    expect(readRoutes.length).toBeGreaterThan(40);
    expect(readRoutes.map((route) => route.url)).toEqual(
      expect.arrayContaining(["/api/courses/:courseId", "/api/attention", "/api/supervision/cockpit"]),
    );
  });

  it("every read route, called by every actor, leaves every table as it was", async () => {
    const options: SnapshotOptions = {
      // Reading a feed records when it was last fetched, for its owner to see (like a session's last use).
      // Opening a questionnaire records that the client opened it, for the therapist to see.
      ignoreColumns: {
        login_sessions: ["last_seen_at"],
        calendar_feeds: ["last_fetched_at"],
        questionnaire_links: ["opened_at"],
      },
      upToId: { audit_events: await maxId(prisma, "audit_events") },
      ignoreTables: ["audit_refusal_windows"],
    };
    const before = await tableStates(prisma, options);
    const answeredOk = new Set<string>();

    for (const route of readRoutes) {
      for (const actor of actors) {
        const response = await app.inject({
          method: route.method as "GET" | "HEAD",
          url: urlOf(route.url),
          headers: actor.cookie ? { cookie: actor.cookie } : {},
        });
        expect(response.statusCode, `${route.method} ${route.url} as ${actor.name}`).toBeLessThan(500);
        if (response.statusCode < 400) answeredOk.add(`${route.method} ${route.url}`);
      }
    }

    expect(await tableStates(prisma, options)).toEqual(before);
    // The walk reached real records: every read route answered someone with a success (or a redirect).
    expect(
      readRoutes.map((route) => `${route.method} ${route.url}`).filter((r) => !answeredOk.has(r)),
    ).toEqual([]);
  });

  it("the table comparison notices a single changed value", async () => {
    const options: SnapshotOptions = { upToId: { audit_events: await maxId(prisma, "audit_events") } };
    const before = await tableStates(prisma, options);
    await prisma.client.update({ where: { id: course.client.id }, data: { displayName: "Changed" } });
    const after = await tableStates(prisma, options);
    expect(Object.keys(after).filter((table) => after[table]!.checksum !== before[table]!.checksum)).toEqual([
      "clients",
    ]);
  });
});
