// Benchmark of the clinical API: seeds a realistic load into a throwaway PostgreSQL database, signs in
// as one therapist and measures the caseload, course, session and plan endpoints of the real app.
//
//   pnpm bench                              (from the repository root; same as below with the toolchain)
//   pnpm --filter @ipt/api bench:clinical
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
// endpoint), BENCH_CONCURRENCY (8 requests in flight), BENCH_POOL (10 connections, the app's default).
import {
  CSRF_HEADER,
  generatePlan,
  TEMPLATE_VERSION,
  type AgendaItem,
  type CourseDetail,
  type CourseFormat,
  type DisputeStage,
  type LifeEventKind,
  type ProblemArea,
  type SessionDetail,
} from "@ipt/shared";
import { PrismaPg } from "@prisma/adapter-pg";
import { randomBytes, randomUUID } from "node:crypto";
import { chmod, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { buildApp, type App } from "../src/app";
import { hashPassword } from "../src/auth/passwords";
import { loadConfig, repoRoot } from "../src/config/config";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres";
import { applyMigrations } from "../src/db/migrations";
import type { Prisma } from "../src/db/prisma";
import { PrismaClient } from "../src/generated/prisma/client";
import { SESSION_COOKIE } from "../src/plugins/auth";
import { adminQuery, freePort, quoteIdent } from "../test/helpers/test-cluster";

const intEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

const THERAPISTS = intEnv("BENCH_THERAPISTS", 20);
const CLIENTS_PER_THERAPIST = intEnv("BENCH_CLIENTS", 60);
const SECONDS = intEnv("BENCH_SECONDS", 5);
const CONCURRENCY = intEnv("BENCH_CONCURRENCY", 8);
const POOL = intEnv("BENCH_POOL", 10);
const WARMUP_MS = 1_000;
/** Requests made one at a time to count SQL statements per request. */
const COUNT_SAMPLES = 20;
const PASSWORD = "bench-password-not-secret";

// --- The throwaway database -------------------------------------------------------------------

interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function startDatabase(): Promise<BenchDatabase> {
  const name = `ipt_bench_${randomBytes(5).toString("hex")}`;
  const external = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let adminUrl: string;
  let stopServer = async () => {};
  if (external) {
    // Someone's server: only the database created here is written to, and it is dropped at the end.
    adminUrl = external;
  } else {
    const parent = await mkdtemp(path.join(os.tmpdir(), "ipt-bench-pg-"));
    // PostgreSQL runs as the `postgres` user when we are root (see test/helpers/test-cluster.ts).
    await chmod(parent, 0o755);
    const cluster = await startEmbeddedPostgres({
      dataDir: path.join(parent, "data"),
      port: await freePort(),
      persistent: false,
    });
    adminUrl = cluster.urlFor("postgres");
    stopServer = () => cluster.stop();
  }
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  return {
    url,
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(
        (error: unknown) => console.error(`could not drop ${name}:`, error),
      );
      await stopServer();
    },
  };
}

/**
 * The app's Prisma client (as db/prisma.ts builds it) on a pool whose connections count statements.
 * With BENCH_SQL_PROFILE=1 the time of each statement (sent to answer) is summed by SQL text.
 */
function countingPrisma(url: string) {
  const counter = { statements: 0 };
  const profile = new Map<string, { count: number; ms: number }>();
  const profiling = process.env.BENCH_SQL_PROFILE === "1";
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  // A connection ended by the database dropping (at the end) must not crash the process.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      counter.statements += 1;
      const result = query(...args);
      if (profiling && result instanceof Promise) {
        const first = args[0];
        const sql = typeof first === "string" ? first : String((first as { text?: string }).text);
        const started = performance.now();
        void result
          .finally(() => {
            const entry = profile.get(sql) ?? { count: 0, ms: 0 };
            entry.count += 1;
            entry.ms += performance.now() - started;
            profile.set(sql, entry);
          })
          .catch(() => {});
      }
      return result;
    };
  });
  const printProfile = () => {
    if (!profiling) return;
    const top = [...profile.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
    for (const [sql, { count, ms }] of top) {
      console.log(
        `${ms.toFixed(0).padStart(8)} ms ${String(count).padStart(7)}× ${(ms / count).toFixed(2).padStart(7)} ms  ${sql.replace(/\s+/g, " ").slice(0, 400)}`,
      );
    }
  };
  const resetProfile = () => profile.clear();
  return {
    prisma: new PrismaClient({ adapter: new PrismaPg(pool) }),
    pool,
    counter,
    printProfile,
    resetProfile,
  };
}

// --- Seed ---------------------------------------------------------------------------------------

// prettier-ignore
const FIRST_NAMES = [
  "Avery", "Blake", "Casey", "Dana", "Eli", "Frankie", "Gray", "Harper", "Indy", "Jordan",
  "Kai", "Logan", "Marlow", "Noor", "Oakley", "Parker", "Quinn", "Riley", "Sasha", "Tatum",
  "Uma", "Val", "Wren", "Xan", "Yael", "Zion", "Maria", "Mark", "Marta", "Omar",
];
const AREAS: ProblemArea[] = ["grief", "role_dispute", "role_transition", "interpersonal_deficits"];
const STAGES: DisputeStage[] = ["renegotiation", "impasse", "dissolution"];
const EVENT_KINDS: LifeEventKind[] = ["death", "dispute", "transition", "other"];
const DAY = 86_400_000;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const dateOf = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const today = dateOf(isoDay(new Date()));
const daysFromToday = (days: number) => new Date(today.getTime() + days * DAY);

/**
 * Where a client's course stands, by client index: how many of the 12 sessions were held, and the
 * phase. The mix raises every caseload flag (initial phase overdue, termination not raised,
 * problem-area warnings) on some clients and none on others.
 */
const STATES = [
  { phase: "initial", held: 0 },
  { phase: "initial", held: 3 }, // initial_phase_overdue
  { phase: "middle", held: 5 },
  { phase: "middle", held: 9 }, // termination_not_raised
  { phase: "termination", held: 10 },
  { phase: "completed", held: 12 },
] as const;

interface SeededCourse {
  id: string;
  therapistId: string;
  phase: (typeof STATES)[number]["phase"];
}

async function seed(prisma: PrismaClient) {
  const passwordHash = await hashPassword(PASSWORD);
  const therapists = Array.from({ length: THERAPISTS }, (_, t) => ({
    id: randomUUID(),
    email: `therapist.${t}@bench.test`,
    name: `Bench Therapist ${t}`,
    role: "therapist" as const,
    passwordHash,
    mustChangePassword: false,
  }));
  await prisma.user.createMany({ data: therapists });

  const clients: Prisma.ClientCreateManyInput[] = [];
  const people: Prisma.InventoryPersonCreateManyInput[] = [];
  const events: Prisma.LifeEventCreateManyInput[] = [];
  const courses: Prisma.CourseCreateManyInput[] = [];
  const sessions: Prisma.TherapySessionCreateManyInput[] = [];
  const planChanges: Prisma.PlanChangeCreateManyInput[] = [];
  const amendments: Prisma.SessionAmendmentCreateManyInput[] = [];
  const seededCourses: SeededCourse[] = [];

  for (const [t, therapist] of therapists.entries()) {
    for (let c = 0; c < CLIENTS_PER_THERAPIST; c += 1) {
      const k = t * CLIENTS_PER_THERAPIST + c;
      const state = STATES[c % STATES.length]!;
      const clientId = randomUUID();
      clients.push({
        id: clientId,
        therapistId: therapist.id,
        displayName: `${FIRST_NAMES[k % FIRST_NAMES.length]} ${String.fromCharCode(65 + (k % 26))}. ${c}`,
        yearOfBirth: 1950 + (k % 55),
        referralReason: "Low mood since a change at work; referred by the GP.",
        workingDiagnosis: "Major depressive episode, moderate",
        status: state.phase === "completed" ? "completed" : state.phase === "initial" ? "intake" : "active",
      });
      const personIds = Array.from({ length: 4 }, () => randomUUID());
      personIds.forEach((id, p) =>
        people.push({
          id,
          clientId,
          label: ["Partner", "Mother", "Friend", "Colleague"][p]!,
          relationship: ["partner", "mother", "friend", "colleague"][p]!,
          ring: (["inner", "inner", "middle", "outer"] as const)[p]!,
          positives: "Listens; shared history.",
          negatives: "Arguments about money.",
        }),
      );
      for (let e = 0; e < 2; e += 1) {
        events.push({
          clientId,
          personId: e === 0 ? personIds[0]! : null,
          occurredOn: daysFromToday(-400 + e * 60 - (k % 90)),
          kind: EVENT_KINDS[(k + e) % EVENT_KINDS.length]!,
          description: "A change in the client's relationships near the onset.",
        });
      }

      const courseId = randomUUID();
      const format: CourseFormat = k % 5 === 4 ? "ipt_a" : "standard";
      const lineage = k % 3 === 0 ? "stuart" : "weissman";
      const primaryArea = state.phase === "initial" && state.held === 0 ? null : AREAS[k % AREAS.length]!;
      const disputeStage = primaryArea === "role_dispute" ? STAGES[k % STAGES.length]! : null;
      // Session `held` is four days ago, the next one three days ahead (weekly).
      const startDate = isoDay(daysFromToday(-7 * state.held + 3));
      const plan = generatePlan({
        format,
        lineage,
        lead: 2,
        frequency: "weekly",
        primaryArea,
        disputeStage,
        sensitivity: false,
        total: 12,
        startDate,
      });
      const completed = state.phase === "completed";
      courses.push({
        id: courseId,
        clientId,
        sequence: 1,
        format,
        lineage,
        phase: state.phase,
        plannedSessions: 12,
        startDate: dateOf(startDate),
        sessionMinutes: 50,
        terminationLead: 2,
        diagnosisNamed: state.held > 0,
        sickRoleGiven: state.held > 0,
        primaryArea,
        disputeStage,
        formulation: primaryArea ? "Depression linked to the change in the client's relationships." : null,
        formulationAgreedOn: primaryArea ? dateOf(startDate) : null,
        contractAgreedOn: dateOf(startDate),
        missedSessionPolicy: "Rescheduled within the week when possible.",
        templateVersion: TEMPLATE_VERSION,
        middleStartedAt: state.held >= 3 && state.phase !== "initial" ? daysFromToday(-30) : null,
        terminationRaisedAt: state.phase === "termination" || completed ? daysFromToday(-5) : null,
        ...(completed
          ? {
              progressReviewed: true,
              gainsCredited: true,
              feelingsDiscussed: true,
              relapsePlan: "Early signs and who to call.",
              nextStep: "no_further_treatment" as const,
              outcome: "completed" as const,
              endedOn: daysFromToday(-4),
            }
          : {}),
      });
      seededCourses.push({ id: courseId, therapistId: therapist.id, phase: state.phase });
      planChanges.push({
        courseId,
        changedById: therapist.id,
        kind: "generated",
        summary: `Plan of 12 weekly sessions from ${startDate}`,
      });

      for (const session of plan) {
        const held = session.number <= state.held;
        // Every held session is signed except the latest one of an open course.
        const signed = held && (completed || session.number < state.held);
        const id = randomUUID();
        sessions.push({
          id,
          courseId,
          number: session.number,
          createdOrder: session.number,
          plannedDate: dateOf(session.plannedDate),
          phase: session.phase,
          slot: session.slot,
          status: held ? "held" : "planned",
          agenda: session.agenda.map((item: AgendaItem) => ({ ...item, done: held })),
          techniques: held ? ["clarification", "communication_analysis"] : [],
          notes: held ? "Discussed the week's interactions; mood a little better." : "",
          nextFocus: held ? "The conversation with the partner about money." : "",
          signedAt: signed ? daysFromToday(-1) : null,
          signedById: signed ? therapist.id : null,
        });
        if (signed && session.number === 1) {
          amendments.push({
            sessionId: id,
            authorId: therapist.id,
            reason: "Late entry",
            text: "The client also mentioned sleeping badly.",
          });
        }
      }
    }
  }

  const inChunks = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 2_000) await write(rows.slice(i, i + 2_000));
    console.error(`seeded ${rows.length} rows in ${(performance.now() - started).toFixed(0)} ms`);
  };
  await inChunks(clients, (data) => prisma.client.createMany({ data }));
  await inChunks(people, (data) => prisma.inventoryPerson.createMany({ data }));
  await inChunks(events, (data) => prisma.lifeEvent.createMany({ data }));
  await inChunks(courses, (data) => prisma.course.createMany({ data }));
  await inChunks(sessions, (data) => prisma.therapySession.createMany({ data }));
  await inChunks(planChanges, (data) => prisma.planChange.createMany({ data }));
  await inChunks(amendments, (data) => prisma.sessionAmendment.createMany({ data }));
  // Months of use leave an audit trail: one row per read or write, about 200 per client.
  const auditRows = clients.length * 200;
  await prisma.$executeRaw`
    INSERT INTO audit_events (occurred_at, actor_id, action, entity_type, entity_id, outcome)
    SELECT now() - (g * interval '1 minute'), (${therapists.map((t) => t.id)}::uuid[])[1 + g % ${therapists.length}],
           'course.viewed', 'course', gen_random_uuid()::text, 'success'
    FROM generate_series(1, ${auditRows}::int) AS g`;
  await prisma.$executeRawUnsafe("ANALYZE");

  return {
    therapistEmail: therapists[0]!.email,
    courses: seededCourses.filter((course) => course.therapistId === therapists[0]!.id),
    counts: {
      therapists: therapists.length,
      clients: clients.length,
      courses: courses.length,
      sessions: sessions.length,
      people: people.length,
      lifeEvents: events.length,
      auditEvents: auditRows,
    },
  };
}

// --- Measurement --------------------------------------------------------------------------------

interface Request {
  method: "GET" | "PATCH" | "POST";
  url: string;
  payload?: object;
}

interface Endpoint {
  name: string;
  /** The request worker `worker` makes next; `after` sees each 200 answer (to track versions). */
  next(worker: number): Request;
  after?(worker: number, body: unknown): void;
}

interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statements: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(
  app: App,
  headers: { cookie: string; csrf: Record<string, string> },
  counter: { statements: number },
  endpoint: Endpoint,
): Promise<Result> {
  const call = async (worker: number) => {
    const request = endpoint.next(worker);
    const response = await app.inject({
      method: request.method,
      url: request.url,
      headers: request.method === "GET" ? { cookie: headers.cookie } : headers.csrf,
      ...(request.payload ? { payload: request.payload } : {}),
    });
    if (response.statusCode !== 200) {
      throw new Error(`${endpoint.name}: ${response.statusCode} ${response.body.slice(0, 500)}`);
    }
    endpoint.after?.(worker, response.json());
  };
  const run = async (untilMs: number, latencies?: number[]) =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (performance.now() < untilMs) {
          const started = performance.now();
          await call(worker);
          latencies?.push(performance.now() - started);
        }
      }),
    );

  await run(performance.now() + WARMUP_MS);
  const before = counter.statements;
  for (let i = 0; i < COUNT_SAMPLES; i += 1) await call(i % CONCURRENCY);
  const statements = (counter.statements - before) / COUNT_SAMPLES;

  const latencies: number[] = [];
  const started = performance.now();
  await run(started + SECONDS * 1_000, latencies);
  const elapsed = (performance.now() - started) / 1_000;
  latencies.sort((a, b) => a - b);
  return {
    name: endpoint.name,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statements,
  };
}

function table(results: Result[]): string {
  const head = ["endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms", "SQL/req"];
  const rows = results.map((r) => [
    r.name,
    r.perSecond.toFixed(0),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    r.statements.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}

async function main() {
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const database = await startDatabase();
  const { prisma, pool, counter, printProfile, resetProfile } = countingPrisma(database.url);
  let app: App | undefined;
  try {
    await applyMigrations(database.url, path.join(repoRoot, "prisma", "migrations"));
    const seedStarted = performance.now();
    const seeded = await seed(prisma);
    const seedSeconds = (performance.now() - seedStarted) / 1_000;

    const config = loadConfig({
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(POOL),
      LOG_LEVEL: "silent",
      WEB_DIST_DIR: "/nonexistent",
    });
    app = await buildApp({ config, prisma });
    await app.ready();

    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: seeded.therapistEmail, password: PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
    const setCookie = [login.headers["set-cookie"] ?? []].flat();
    const cookie = setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(";")[0]!;
    const csrfToken = login.json<{ csrfToken: string }>().csrfToken;
    const headers = { cookie, csrf: { cookie, [CSRF_HEADER]: csrfToken } };

    // What the measured therapist's requests aim at.
    const open = seeded.courses.filter((course) => course.phase !== "completed");
    const middle = seeded.courses.find((course) => course.phase === "middle")!;
    const plans = new Map(
      (
        await prisma.therapySession.findMany({
          where: { courseId: { in: open.map((course) => course.id) } },
          select: { id: true, courseId: true, number: true, status: true, signedAt: true, plannedDate: true },
        })
      ).map((s) => [s.id, s]),
    );
    const heldSigned = [...plans.values()].find((s) => s.courseId === middle.id && s.signedAt !== null)!;
    // Each worker edits its own courses, as several therapists would: no two in flight on one course.
    const coursesOf = (worker: number) => open.filter((_, i) => i % CONCURRENCY === worker);
    const nextPlannedOf = (courseId: string) =>
      [...plans.values()]
        .filter((s) => s.courseId === courseId && s.status === "planned")
        .sort((a, b) => a.number! - b.number!)[0]!;
    const lastOf = (courseId: string) =>
      [...plans.values()].filter((s) => s.courseId === courseId).sort((a, b) => b.number! - a.number!)[0]!;

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
      const turn = turns[worker]!;
      turns[worker] = turn + 1;
      return items[turn % items.length]!;
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
        url: `/api/courses/${course.id}/plan/reschedule`,
        payload: { version: courseVersion.get(course.id)!, sessionId: session.id, plannedDate, moveLater },
      };
    };

    const endpoints: Endpoint[] = [
      { name: "GET /api/clients (page 1 of 25)", next: () => ({ method: "GET", url: "/api/clients" }) },
      {
        name: "GET /api/clients?flagged=true",
        next: () => ({ method: "GET", url: "/api/clients?flagged=true" }),
      },
      { name: "GET /api/clients?q=mar", next: () => ({ method: "GET", url: "/api/clients?q=mar" }) },
      {
        name: "GET /api/courses/:id",
        next: () => ({ method: "GET", url: `/api/courses/${middle.id}` }),
      },
      {
        name: "GET /api/sessions/:id",
        next: () => ({ method: "GET", url: `/api/sessions/${heldSigned.id}` }),
      },
      {
        name: "PATCH /api/sessions/:id (agenda tick)",
        next: (worker) => {
          const session = nextPlannedOf(pick(worker, coursesOf(worker)).id);
          const state = sessionState.get(session.id)!;
          // Tick (or untick) the first item, as the planner does during a session.
          const agenda = state.agenda.map((item, i) => (i === 0 ? { ...item, done: !item.done } : item));
          return {
            method: "PATCH",
            url: `/api/sessions/${session.id}`,
            payload: { version: state.version, agenda },
          };
        },
        after: (_worker, body) => {
          const detail = body as SessionDetail;
          sessionState.set(detail.id, { version: detail.version, agenda: detail.agenda });
        },
      },
      {
        name: "POST …/plan/reschedule (last session)",
        next: (worker) => reschedule(worker, lastOf, false),
        after: (_worker, body) =>
          courseVersion.set((body as CourseDetail).id, (body as CourseDetail).version),
      },
      {
        name: "POST …/plan/reschedule (moveLater)",
        next: (worker) => reschedule(worker, nextPlannedOf, true),
        after: (_worker, body) =>
          courseVersion.set((body as CourseDetail).id, (body as CourseDetail).version),
      },
    ];

    const results: Result[] = [];
    resetProfile();
    const only = process.env.BENCH_ONLY;
    for (const endpoint of endpoints.filter((e) => !only || e.name.includes(only))) {
      results.push(await measure(app, headers, counter, endpoint));
      console.error(`measured ${endpoint.name}`);
    }

    const [server] = await prisma.$queryRawUnsafe<{ server_version: string }[]>("SHOW server_version");
    const cpus = os.cpus();
    const load = (loads: number[]) => loads.map((l) => l.toFixed(1)).join(" ");
    const data = Object.entries(seeded.counts).map(([k, v]) => `${v} ${k}`);
    console.log(
      [
        "",
        `Clinical API benchmark, ${startedAt.toISOString()}`,
        `Requests: app.inject() (in-process, no socket), ${CONCURRENCY} in flight, ${SECONDS} s per endpoint`,
        `after a ${WARMUP_MS / 1_000} s warm-up. SQL/req: statements sent on the pool per request (BEGIN and`,
        `COMMIT included), counted over ${COUNT_SAMPLES} sequential requests.`,
        `Data: ${data.join(", ")}; seeded in ${seedSeconds.toFixed(1)} s.`,
        `The signed-in therapist has ${CLIENTS_PER_THERAPIST} clients.`,
        `Machine: ${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB,` +
          ` ${os.platform()} ${os.release()}; load average ${load(loadAtStart)} at start, ${load(os.loadavg())} at end.`,
        `Node.js ${process.version}; PostgreSQL ${server?.server_version ?? "?"}; Prisma pool of ${POOL}.`,
        "",
      ].join("\n"),
    );
    console.log(table(results));
    printProfile();
  } finally {
    await app?.close();
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  }
}

await main();
