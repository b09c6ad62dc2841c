// Benchmark of the clinical API: seeds a realistic load into a throwaway PostgreSQL database, signs in
// as one therapist and measures the caseload, course, session and plan endpoints of the real app, and
// as a supervisor of every therapist for the supervision cockpit and summaries.
//
//   pnpm bench                              (from the repository root; same as below with the toolchain)
//   pnpm --filter @ipt/api bench:clinical
//   pnpm bench --scale                      (the issue-16 sizes, bulk-seeded: 1,500 then 102,000 clients)
//
// --scale builds each database by bulk SQL (bulk-seed.ts) instead of seed.ts, at two sizes in one run:
// 25 therapists (the measured supervisor's 25 supervisees, 1,500 clients) and 1,700 (102,000 clients),
// so the measured therapist and supervisor see the same caseload at both sizes and only the rest of
// the database grows. BENCH_SCALE_THERAPISTS ("25,1700") changes the sizes.
//
// Per endpoint it prints req/s and latencies, statements and round trips per request, API and DB CPU
// per request, the raw-pg floor (the same statements replayed with a plain pg pool, raw-floor.ts) and
// the ratio app/raw; then EXPLAIN of every distinct statement (explain.ts), failing the run when a
// table of more than 5,000 rows is scanned sequentially, and whether each issue-16 target is met
// (targets.ts).
//
// Database: a database of its own (created here, dropped at the end) on TEST_DATABASE_URL's or
// DATABASE_URL's server when one is set — nothing else on that server is touched — otherwise on an
// embedded PostgreSQL in a temporary folder, stopped and deleted at the end.
//
// Requests go through app.inject(): in-process, the real app (auth cookie, CSRF, policy, zod
// validation and serialisation, services, Prisma, PostgreSQL) without a socket. An HTTP load
// generator (autocannon) would add the HTTP parser and the socket, but on this project's 2-core
// machines it would take CPU from the API and PostgreSQL it is measuring, and would be a new
// dependency; inject() isolates what the service code costs, which is what these figures are for.
//
// Knobs (environment): BENCH_THERAPISTS (20), BENCH_CLIENTS (60 per therapist), BENCH_SECONDS (5 per
// endpoint), BENCH_CONCURRENCY (8 requests in flight), BENCH_POOL (10 connections, the app's default),
// BENCH_ONLY (only the endpoints whose name contains one of its comma-separated parts, e.g. "supervision"),
// BENCH_CPU_PROFILE (a folder: a V8 CPU profile of each endpoint's concurrent run is written there),
// BENCH_SQL_PROFILE=1 (time per SQL text).
//
// Modules: knobs.ts (settings), database.ts (the database and the statement-counting pool),
// seed.ts (the synthetic caseload), bulk-seed.ts (the same at scale, by bulk SQL), measure.ts (one
// endpoint's run), raw-floor.ts, explain.ts, report.ts (what is printed), targets.ts (issue 16's goals).
import {
  CSRF_HEADER,
  endpointKey,
  endpointPath,
  endpoints,
  type AgendaItem,
  type CourseDetail,
  type SessionDetail,
} from "@ipt/shared";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildApp, type App } from "../src/app";
import { AUDIT_INSERT_SQL } from "../src/audit/audit-log";
import { loadConfig, repoRoot } from "../src/config/config";
import { applyMigrations } from "../src/db/migrations";
import { SESSION_COOKIE } from "../src/plugins/auth";
import { bulkSeed, type ScaleOptions } from "./bulk-seed";
import { countingPrisma, startDatabase } from "./database";
import { explainAll, type Explained } from "./explain";
import { CLIENTS_PER_THERAPIST, CONCURRENCY, PASSWORD, POOL } from "./knobs";
import { measure, type Endpoint, type Request, type Result } from "./measure";
import { rawFloor, type RawResult } from "./raw-floor";
import { explainReport, facts, table } from "./report";
import { DAY, isoDay, seed } from "./seed";
import { targets, type Run } from "./targets";
import { required } from "../src/errors/required";

/** A GET row measured with the raw floor: its statements replayed with and without the audit insert. */
export interface Measured extends Result {
  raw: RawResult | null;
  rawWithoutAudit: RawResult | null;
}

async function runAt(scale: ScaleOptions | null): Promise<Run> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const database = await startDatabase();
  const { prisma, pool, log, printProfile, resetProfile } = countingPrisma(database.url);
  let app: App | undefined;
  try {
    await applyMigrations(database.url, path.join(repoRoot, "prisma", "migrations"));
    const seedStarted = performance.now();
    const seeded = scale ? await bulkSeed(prisma, pool, scale) : await seed(prisma);
    const seedSeconds = (performance.now() - seedStarted) / 1_000;

    const config = loadConfig({
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(POOL),
      LOG_LEVEL: "silent",
      WEB_DIST_DIR: "/nonexistent",
      // The load generator shares this event loop: shedding would measure the bench, not the app.
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: "0",
      OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: "0",
    });
    const built = await buildApp({ config, prisma });
    app = built;
    await built.ready();

    const signIn = async (email: string) => {
      const login = await built.inject({
        method: "POST",
        url: endpointPath(endpoints.auth.login),
        payload: { email, password: PASSWORD },
      });
      if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
      const setCookie = [login.headers["set-cookie"] ?? []].flat();
      const sessionCookie = required(
        setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)),
        "the session cookie of a sign-in",
      );
      const cookie = sessionCookie.split(";")[0] ?? ""; // the name=value before the attributes
      const csrfToken = login.json<{ csrfToken: string }>().csrfToken;
      return { cookie, csrf: { cookie, [CSRF_HEADER]: csrfToken } };
    };
    const headers = await signIn(seeded.therapistEmail);
    // The supervisor's views span every therapist's clients.
    const supervisorHeaders = await signIn(seeded.supervisorEmail);

    // The cockpit's supervisor: of every therapist (seed.ts) or of 25 (bulk-seed.ts).
    const supervisorOf = scale
      ? `(supervisor of ${Math.min(scale.superviseesPerSupervisor, scale.therapists)})`
      : "(supervisor of all)";
    // What the measured therapist's requests aim at.
    const open = seeded.courses.filter((course) => course.phase !== "completed");
    const middle = required(
      seeded.courses.find((course) => course.phase === "middle"),
      "a seeded course in the middle phase",
    );
    const plans = new Map(
      (
        await prisma.therapySession.findMany({
          where: { courseId: { in: open.map((course) => course.id) } },
          select: { id: true, courseId: true, number: true, status: true, signedAt: true, plannedDate: true },
        })
      ).map((s) => [s.id, s]),
    );
    const heldSigned = required(
      [...plans.values()].find((s) => s.courseId === middle.id && s.signedAt !== null),
      "a signed session of the middle course",
    );
    // Each worker edits its own courses, as several therapists would: no two in flight on one course.
    const coursesOf = (worker: number) => open.filter((_, i) => i % CONCURRENCY === worker);
    const nextPlannedOf = (courseId: string) =>
      required(
        [...plans.values()]
          .filter((s) => s.courseId === courseId && s.status === "planned")
          .sort((a, b) => (a.number ?? 0) - (b.number ?? 0))[0],
        `a planned session of course ${courseId}`,
      );
    const lastOf = (courseId: string) =>
      required(
        [...plans.values()]
          .filter((s) => s.courseId === courseId)
          .sort((a, b) => (b.number ?? 0) - (a.number ?? 0))[0],
        `a session of course ${courseId}`,
      );

    const sessionState = new Map<string, { version: number; agenda: AgendaItem[] }>();
    for (const session of await prisma.therapySession.findMany({
      where: { id: { in: open.map((course) => nextPlannedOf(course.id).id) } },
      select: { id: true, version: true, agenda: true },
    })) {
      sessionState.set(session.id, { version: session.version, agenda: session.agenda as AgendaItem[] });
    }
    const courseVersion = new Map(open.map((course) => [course.id, 1]));
    const turns = new Array<number>(CONCURRENCY).fill(0);
    const pick = <T>(worker: number, items: T[]) => {
      const turn = turns[worker] ?? 0;
      turns[worker] = turn + 1;
      return required(items[turn % items.length], `worker ${worker}'s next item`);
    };

    // A session moves a day later, and back on the course's next turn; with moveLater every later
    // planned session moves with it (up to 8 writes in one transaction).
    const movedLater = new Set<string>();
    const reschedule = (
      worker: number,
      target: (courseId: string) => { id: string; plannedDate: Date },
      moveLater: boolean,
    ): Request => {
      const course = pick(worker, coursesOf(worker));
      const session = target(course.id);
      const key = `${session.id}:${moveLater}`;
      const later = !movedLater.has(key);
      if (later) movedLater.add(key);
      else movedLater.delete(key);
      const plannedDate = isoDay(new Date(session.plannedDate.getTime() + (later ? DAY : 0)));
      return {
        method: "POST",
        url: endpointPath(endpoints.courses.rescheduleSession, { courseId: course.id }),
        payload: {
          version: required(courseVersion.get(course.id), `the version of course ${course.id}`),
          sessionId: session.id,
          plannedDate,
          moveLater,
        },
      };
    };

    // Each measured request is named by its endpoint ("GET /api/courses/:courseId"), plus what varies.
    const { caseload, clients, courses, measures, sessions, supervision } = endpoints;
    const caseloadPage = (query: { flagged?: "true"; q?: string }) => ({
      method: "GET" as const,
      url: endpointPath(caseload.list, {}, query),
    });
    // An endpoint measured as someone other than the therapist names whose headers it uses.
    const measured: (Endpoint & { as?: typeof headers })[] = [
      { name: `${endpointKey(caseload.list)} (page 1 of 25)`, next: () => caseloadPage({}) },
      { name: `${endpointKey(caseload.list)}?flagged=true`, next: () => caseloadPage({ flagged: "true" }) },
      { name: `${endpointKey(caseload.list)}?q=mar`, next: () => caseloadPage({ q: "mar" }) },
      {
        name: endpointKey(clients.get),
        next: () => ({ method: "GET", url: endpointPath(clients.get, { clientId: middle.clientId }) }),
      },
      {
        name: endpointKey(courses.get),
        next: () => ({ method: "GET", url: endpointPath(courses.get, { courseId: middle.id }) }),
      },
      {
        name: endpointKey(measures.get),
        next: () => ({ method: "GET", url: endpointPath(measures.get, { courseId: middle.id }) }),
      },
      {
        name: endpointKey(sessions.get),
        next: () => ({ method: "GET", url: endpointPath(sessions.get, { sessionId: heldSigned.id }) }),
      },
      {
        name: `${endpointKey(sessions.update)} (agenda tick)`,
        next: (worker) => {
          const session = nextPlannedOf(pick(worker, coursesOf(worker)).id);
          const state = required(sessionState.get(session.id), `the state of session ${session.id}`);
          // Tick (or untick) the first item, as the planner does during a session.
          const agenda = state.agenda.map((item, i) => (i === 0 ? { ...item, done: !item.done } : item));
          return {
            method: "PATCH",
            url: endpointPath(sessions.update, { sessionId: session.id }),
            payload: { version: state.version, agenda },
          };
        },
        after: (_worker, body) => {
          const detail = body as SessionDetail;
          sessionState.set(detail.id, { version: detail.version, agenda: detail.agenda });
        },
      },
      {
        name: `${endpointKey(courses.rescheduleSession)} (last session)`,
        next: (worker) => reschedule(worker, lastOf, false),
        after: (_worker, body) =>
          courseVersion.set((body as CourseDetail).id, (body as CourseDetail).version),
      },
      {
        name: `${endpointKey(courses.rescheduleSession)} (moveLater)`,
        next: (worker) => reschedule(worker, nextPlannedOf, true),
        after: (_worker, body) =>
          courseVersion.set((body as CourseDetail).id, (body as CourseDetail).version),
      },
      {
        name: `${endpointKey(supervision.cockpit)} ${supervisorOf}`,
        next: () => ({ method: "GET", url: endpointPath(supervision.cockpit) }),
        as: supervisorHeaders,
      },
      {
        name: `${endpointKey(supervision.therapistSummaries)} ${supervisorOf}`,
        next: () => ({ method: "GET", url: endpointPath(supervision.therapistSummaries) }),
        as: supervisorHeaders,
      },
    ];

    const results: Measured[] = [];
    const explained: { name: string; plans: Explained[] }[] = [];
    resetProfile();
    const only = process.env.BENCH_ONLY;
    for (const endpoint of measured.filter((e) => !only || only.split(",").some((o) => e.name.includes(o)))) {
      const result = await measure(
        app,
        endpoint.as ?? headers,
        { log, serverCpuMs: database.serverCpuMs },
        endpoint,
      );
      // The raw floor and EXPLAIN for reads; a replayed write would meet versions that moved on. The
      // client read is also replayed without its audit insert: the two alternate, ROUNDS times each,
      // and the runs with the median rates are kept, so a change in the machine's load during the
      // run weighs on both alike.
      const reads = result.method === "GET";
      let raw = null;
      let rawWithoutAudit = null;
      if (reads && endpoint.name === endpointKey(clients.get)) {
        const plain = result.samples.map((sample) =>
          sample.filter((statement) => statement.text !== AUDIT_INSERT_SQL),
        );
        const audited: RawResult[] = [];
        const without: RawResult[] = [];
        for (let round = 0; round < AUDIT_ROUNDS; round += 1) {
          audited.push(await rawFloor(database.url, result.samples));
          without.push(await rawFloor(database.url, plain));
        }
        raw = medianRun(audited);
        rawWithoutAudit = medianRun(without);
        console.error(
          `raw floor of ${endpoint.name}, audited / without the audit insert, by round: ${audited
            .map((a, i) => `${a.perSecond.toFixed(0)}/${without[i]?.perSecond.toFixed(0)}`)
            .join(", ")}`,
        );
      } else if (reads) {
        raw = await rawFloor(database.url, result.samples);
      }
      results.push({ ...result, raw, rawWithoutAudit });
      explained.push({ name: endpoint.name, plans: await explainAll(pool, result.samples[0] ?? []) });
      console.error(`measured ${endpoint.name}`);
    }

    const [server] = await prisma.$queryRawUnsafe<{ server_version: string }[]>("SHOW server_version");
    const clientsSeeded = scale ? scale.therapists * scale.clientsPerTherapist : seeded.counts.clients;
    console.log(
      facts({
        startedAt,
        loadAtStart,
        counts: seeded.counts,
        seedSeconds,
        seedSteps: "steps" in seeded ? seeded.steps : [],
        serverVersion: server?.server_version,
      }),
    );
    console.log(table(results));
    console.log(explainReport(explained));
    printProfile();
    return { clients: clientsSeeded, results, explained };
  } finally {
    await app?.close();
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  }
}

/** Rounds of the client read's raw floor with and without its audit insert, alternating. */
const AUDIT_ROUNDS = 3;

/** Of several runs, the one with the median rate. */
function medianRun(runs: RawResult[]): RawResult {
  return required(
    [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)],
    "a raw-floor run",
  );
}

/** `--scale`: the two sizes (therapists, 60 clients each); otherwise one run on seed.ts's data. */
function scales(): (ScaleOptions | null)[] {
  if (!process.argv.includes("--scale")) return [null];
  const sizes = (process.env.BENCH_SCALE_THERAPISTS ?? "25,1700").split(",").map(Number);
  return sizes.map((therapists) => {
    if (!Number.isInteger(therapists) || therapists < 1) {
      throw new Error("BENCH_SCALE_THERAPISTS must be positive integers, e.g. 25,1700");
    }
    return { therapists, clientsPerTherapist: 60, superviseesPerSupervisor: 25, auditPerClient: 20 };
  });
}

const runs: Run[] = [];
for (const scale of scales()) runs.push(await runAt(scale));
const failed = targets(runs, CLIENTS_PER_THERAPIST);
if (failed) process.exitCode = 1;
