// Load (issue 6, "Faults and load"): RESILIENCE_USERS (100) signed-in users — nine therapists in
// ten, the rest supervisors — work for RESILIENCE_SECONDS (60) with mixed reads and writes through
// a small fetch driver (load/workload.ts). Then: 0 errors, and the database holds exactly the
// acknowledged writes — rows per therapist, client and course, and each edited session's version —
// none lost, none extra.
//
// Users, not requests in flight: each pauses RESILIENCE_THINK_MS (1000, ±50 %) between requests,
// still far busier than a person at a keyboard. A hundred loops with no pause keep any server at
// full capacity, where it rightly sheds with 503 (plugins/overload.ts); that is the overload
// scenario's case. RESILIENCE_THINK_MS=0 runs them anyway.
import os from "node:os";
import pg from "pg";
import {
  ApiSession,
  createAccounts,
  intKnob,
  percentile,
  runScenario,
  seededRandom,
  startApi,
  startDatabase,
} from "../harness";
import { Ledger, type WriteKind } from "../load/ledger";
import { prepareTherapist, supervisorLoop, therapistLoop, type TherapistState } from "../load/workload";
import { required } from "../../src/errors/required";

const SECONDS = intKnob("RESILIENCE_SECONDS", 60);
const USERS = intKnob("RESILIENCE_USERS", 100, 2);
const THINK_MS = intKnob("RESILIENCE_THINK_MS", 1000, 0);
const SEED = intKnob("RESILIENCE_SEED", 6);
const SUPERVISORS = Math.max(1, Math.round(USERS / 10));
const THERAPISTS = USERS - SUPERVISORS;
/** Set-up requests in flight at once (sign-in hashes a password; not what is measured). */
const SETUP_BATCH = 10;

// Per owner: what each write kind leaves in the database (a row, or one more version of a session).
const COUNTS: Record<WriteKind, string> = {
  clients: "SELECT therapist_id AS owner, count(*)::int AS n FROM clients GROUP BY 1",
  "inventory people": "SELECT client_id AS owner, count(*)::int AS n FROM inventory_people GROUP BY 1",
  "measure scores": "SELECT course_id AS owner, count(*)::int AS n FROM measure_scores GROUP BY 1",
  "session edits": "SELECT id AS owner, version AS n FROM therapy_sessions",
};
const KINDS = Object.keys(COUNTS) as WriteKind[];

async function countAll(db: pg.Client) {
  const result = new Map<WriteKind, Map<string, number>>();
  for (const kind of KINDS) {
    const { rows } = await db.query<{ owner: string; n: number }>(COUNTS[kind]);
    result.set(kind, new Map(rows.map((row) => [row.owner, row.n])));
  }
  return result;
}

async function inBatches<T, R>(items: T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += SETUP_BATCH) {
    const batch = items.slice(start, start + SETUP_BATCH);
    results.push(...(await Promise.all(batch.map((item, i) => work(item, start + i)))));
  }
  return results;
}

await runScenario("load", async ({ figure, check }) => {
  const database = await startDatabase();
  const accounts = await createAccounts(database.url, {
    therapists: THERAPISTS,
    supervisors: SUPERVISORS,
    supervise: true,
  });
  // Every user signs in from 127.0.0.1: the per-address sign-in limit is raised for this run only.
  const api = await startApi({ databaseUrl: database.url, env: { LOGIN_RATE_LIMIT_MAX: String(USERS * 2) } });
  const startDate = new Date(Date.now() - 140 * 86_400_000).toISOString().slice(0, 10);

  const therapists: TherapistState[] = await inBatches(accounts.therapists, async (account) =>
    prepareTherapist(
      account.id,
      await ApiSession.signIn(api.url, account.email, account.password),
      startDate,
    ),
  );
  const supervisors = await inBatches(accounts.supervisors, (account) =>
    ApiSession.signIn(api.url, account.email, account.password),
  );
  // createAccounts assigns therapist t to supervisor t % SUPERVISORS.
  const superviseeCourses = supervisors.map((_, s) =>
    therapists.filter((_, t) => t % SUPERVISORS === s).map((t) => t.courseId),
  );

  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    const before = await countAll(db);
    const ledger = new Ledger();
    const random = seededRandom(SEED);
    const seeds = Array.from({ length: USERS }, () => Math.floor(random() * 2 ** 32));
    const cpuBefore = api.cpuMs();
    const started = performance.now();
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all([
      ...therapists.map((user, i) =>
        therapistLoop(user, ledger, seededRandom(required(seeds[i], "a seed")), deadline, THINK_MS),
      ),
      ...supervisors.map((session, s) =>
        supervisorLoop(
          session,
          required(superviseeCourses[s], "a supervisor's courses"),
          ledger,
          seededRandom(required(seeds[THERAPISTS + s], "a seed")),
          deadline,
          THINK_MS,
        ),
      ),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const apiCpuMs = api.cpuMs() - cpuBefore;
    const after = await countAll(db);

    let found = 0;
    let lost = 0;
    let extra = 0;
    for (const kind of KINDS) {
      const acked = ledger.acked.get(kind) ?? new Map<string, number>();
      const was = before.get(kind) ?? new Map<string, number>();
      const now = after.get(kind) ?? new Map<string, number>();
      for (const owner of new Set([...was.keys(), ...now.keys(), ...acked.keys()])) {
        const expected = (was.get(owner) ?? 0) + (acked.get(owner) ?? 0);
        const actual = now.get(owner) ?? 0;
        found += actual - (was.get(owner) ?? 0);
        lost += Math.max(0, expected - actual);
        extra += Math.max(0, actual - expected);
      }
    }

    figure("users", `${USERS} (${THERAPISTS} therapists, ${SUPERVISORS} supervisors)`);
    figure("seconds", seconds.toFixed(1));
    figure("think time ms", THINK_MS);
    figure("requests", ledger.requests);
    figure("req/s", (ledger.requests / seconds).toFixed(1));
    figure("latency p50 ms", percentile(ledger.latenciesMs, 50).toFixed(1));
    figure("latency p95 ms", percentile(ledger.latenciesMs, 95).toFixed(1));
    figure("latency p99 ms", percentile(ledger.latenciesMs, 99).toFixed(1));
    figure("API CPU ms per request", (apiCpuMs / ledger.requests).toFixed(1));
    figure("API CPU share of one core", `${((apiCpuMs / (seconds * 1000)) * 100).toFixed(0)} %`);
    figure("machine load average at end (1 min)", required(os.loadavg()[0], "the load average").toFixed(1));
    figure("errors", ledger.errorCount());
    for (const [what, count] of ledger.errors) figure(`errors: ${what}`, count);
    figure("idempotent replays", ledger.replays);
    figure("replays answered differently", ledger.replayMismatches);
    for (const kind of KINDS) figure(`acknowledged ${kind}`, ledger.ackedCount(kind));
    figure("acknowledged writes", ledger.ackedCount());
    figure("rows found", found);
    figure("lost", lost);
    figure("extra", extra);

    check(ledger.errorCount() === 0, `${ledger.errorCount()} errors under load`);
    check(ledger.replayMismatches === 0, `${ledger.replayMismatches} replays answered with another record`);
    check(lost === 0, `${lost} acknowledged writes are not in the database`);
    check(extra === 0, `${extra} writes are in the database that were never acknowledged`);
    check(ledger.ackedCount() > 0, "no write was acknowledged");
  } finally {
    await db.end();
  }
});
