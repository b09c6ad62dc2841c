// kill -9 the API while courses are being created (issue 6, "Faults and load"): every course is
// complete (all its planned sessions) or has none, and every acknowledged write is in the database
// with its audit events. The API's audit sealer (issue 16) runs every 20 ms here, so the kill also
// lands on a sealer at work: after each kill the chain as left verifies, and at the end, after a
// sealer run, every event is sealed and the whole chain verifies (checkAuditChain).
//
// The writes whose atomicity matters: opening a course (POST /api/clients/:id/courses: the course
// row and its audit event, one transaction) and agreeing its contract (PUT /api/courses/:id/contract:
// the contract fields, the whole session plan, the plan-change record and two audit events, one
// transaction in clinical/courses/contract.ts). Each run fires both for RESILIENCE_COURSES courses at
// once and kills the server after a random number of acknowledged writes (seeded, RESILIENCE_SEED),
// with the rest in flight, then checks the database, and starts the server again for the next run.
//
// Audited reads run beside the writes until the kill (GET /api/clients/:id, one reader per
// therapist): their audit rows are group-committed outside any transaction (docs/decisions/022), so
// after each kill every read answered 200 must have its "client.viewed" row (found by the answer's
// x-request-id).
//
// Knobs: RESILIENCE_RUNS (20), RESILIENCE_COURSES (200 per run), RESILIENCE_SEED (6).
import { endpointPath, endpoints } from "@ipt/shared";
import pg from "pg";
import {
  ApiSession,
  checkAuditChain,
  createAccounts,
  expectOk,
  intKnob,
  retryUnavailable,
  runScenario,
  seededRandom,
  sleep,
  startApi,
  startDatabase,
  verifyChainAsLeft,
  type ApiProcess,
  type ApiResponse,
} from "../harness";
import { required } from "../../src/errors/required";
import { checkCourseSummaries } from "../harness/course-summaries";

const RUNS = intKnob("RESILIENCE_RUNS", 20);
const COURSES = intKnob("RESILIENCE_COURSES", 200);
const SEED = intKnob("RESILIENCE_SEED", 6);
const THERAPISTS = 10;
/** The API's sealer interval here: busy sealing while the writes (and the kill) happen. */
const SEALER = { AUDIT_SEAL_INTERVAL_MS: "20" };

interface CourseRow {
  id: string;
  client_id: string;
  planned_sessions: number;
  contracted: boolean;
  sessions: number;
  plans: number;
  created_events: number;
  plan_events: number;
}

// One row per course of the given clients, with what a half-finished write could leave behind.
const COURSE_STATE = `
  WITH sessions AS (SELECT course_id, count(*)::int AS n FROM therapy_sessions GROUP BY course_id),
       plans AS (SELECT course_id, count(*)::int AS n FROM plan_changes WHERE kind = 'generated' GROUP BY course_id),
       events AS (
         SELECT entity_id,
                count(*) FILTER (WHERE action = 'course.created')::int AS created,
                count(*) FILTER (WHERE action = 'plan.generated')::int AS planned
         FROM audit_events WHERE entity_type = 'course' GROUP BY entity_id)
  SELECT c.id, c.client_id, c.planned_sessions, c.contract_agreed_on IS NOT NULL AS contracted,
         coalesce(s.n, 0) AS sessions, coalesce(p.n, 0) AS plans,
         coalesce(e.created, 0) AS created_events, coalesce(e.planned, 0) AS plan_events
  FROM courses c
  LEFT JOIN sessions s ON s.course_id = c.id
  LEFT JOIN plans p ON p.course_id = c.id
  LEFT JOIN events e ON e.entity_id = c.id::text
  WHERE c.client_id = ANY($1::uuid[])`;

type State = "complete" | "opened" | "half-written";

function stateOf(row: CourseRow): State {
  const opened = row.created_events === 1;
  if (
    opened &&
    row.contracted &&
    row.sessions === row.planned_sessions &&
    row.plans === 1 &&
    row.plan_events === 1
  )
    return "complete";
  if (opened && !row.contracted && row.sessions === 0 && row.plans === 0 && row.plan_events === 0)
    return "opened";
  return "half-written";
}

await runScenario("crash", async ({ figure, check }) => {
  const database = await startDatabase();
  const { therapists } = await createAccounts(database.url, { therapists: THERAPISTS });
  const random = seededRandom(SEED);
  let api: ApiProcess = await startApi({ databaseUrl: database.url, name: "run-1", env: SEALER });
  // Signed in once: sessions live in PostgreSQL, so they outlast every crash.
  const signedIn = await Promise.all(therapists.map((t) => ApiSession.signIn(api.url, t.email, t.password)));
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();

  const totals = {
    attempted: 0,
    acknowledged: 0,
    complete: 0,
    opened: 0,
    absent: 0,
    halfWritten: 0,
    lost: 0,
    readsAcknowledged: 0,
    readsWithoutAudit: 0,
    sealedAtKill: 0,
    chainBrokenAtKill: 0,
    refused: 0,
    unexpected: 0,
  };
  const ackedBeforeKill: number[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      if (run > 1) api = await startApi({ databaseUrl: database.url, name: `run-${run}`, env: SEALER });
      const sessions = signedIn.map((session) => session.on(api.url));

      // The clients first, all acknowledged: the kill is aimed at course creation.
      const clientIds = await Promise.all(
        Array.from({ length: COURSES }, async (_, index) => {
          const response = await retryUnavailable(() =>
            required(sessions[index % THERAPISTS], "a therapist's session").post<{ id: string }>(
              endpointPath(endpoints.clients.create),
              {
                displayName: `Crash client ${run}.${index} (invented)`,
                referralReason: "Invented: low mood.",
                workingDiagnosis: "Major depressive episode",
              },
            ),
          );
          return expectOk(response, "creating a client").id;
        }),
      );

      // Two writes per course; the kill comes after a random number of them were acknowledged.
      const killAfter = 1 + Math.floor(random() * (2 * COURSES - 1));
      const extraDelayMs = Math.floor(random() * 10);
      const openedAcked = new Set<string>();
      const contractedAcked = new Set<string>();
      const unexpected: string[] = [];
      let acks = 0;
      let killing: Promise<void> | null = null;
      const kill = () => (killing ??= sleep(extraDelayMs).then(() => api.kill("SIGKILL")));
      const acknowledged = () => {
        acks += 1;
        if (acks === killAfter) void kill();
      };
      // A 503 (load shed, no pooled connection in time) is retried as Retry-After asks, so every
      // write stays in play until the kill. A refused write that was written anyway would show: its
      // retry would meet an open course (409) or a newer version (409), an unexpected answer.
      const retrying = <T>(send: () => Promise<ApiResponse<T>>) =>
        retryUnavailable(send, { attempts: 100, onRefused: () => (totals.refused += 1) });

      const createCourse = async (clientId: string, index: number) => {
        const session = required(sessions[index % THERAPISTS], "a therapist's session");
        try {
          const opened = await retrying(() =>
            session.post<{ id: string }>(endpointPath(endpoints.courses.start, { clientId }), {
              format: "standard",
              lineage: "weissman",
              startDate: "2026-01-05",
            }),
          );
          if (opened.status !== 201) return void unexpected.push(`${opened.status} opening a course`);
          openedAcked.add(opened.body.id);
          acknowledged();
          const agreed = await retrying(() =>
            session.put(endpointPath(endpoints.courses.setContract, { courseId: opened.body.id }), {
              version: 1,
              plannedSessions: 12 + (index % 5),
              frequency: "weekly",
              sessionMinutes: 50,
              startDate: "2026-01-05",
              weekday: 1,
              startTime: "09:00",
              terminationLead: 2,
              missedSessionPolicy: "Invented: a missed session is re-planned at the end.",
              agreedOn: "2026-01-05",
            }),
          );
          if (agreed.status !== 200) return void unexpected.push(`${agreed.status} agreeing a contract`);
          contractedAcked.add(opened.body.id);
          acknowledged();
        } catch {
          // The connection was cut by the kill: neither acknowledged nor refused.
        }
      };
      // Readers until the kill: each acknowledged read's request id.
      const readIds: string[] = [];
      const read = async (index: number) => {
        const session = required(sessions[index], "a therapist's session");
        for (let n = index; ; n += THERAPISTS) {
          try {
            const clientId = required(clientIds[n % COURSES], "a client");
            const response = await session.get(endpointPath(endpoints.clients.get, { clientId }));
            const requestId = response.headers.get("x-request-id");
            if (response.status === 200 && requestId) readIds.push(requestId);
          } catch {
            return; // the server was killed
          }
        }
      };
      const readers = Array.from({ length: THERAPISTS }, (_, index) => read(index));
      await Promise.all(clientIds.map(createCourse));
      // Reached only when some write got an unexpected answer (a failed check below).
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- kill(), called by the writes, sets it
      const killedMidway = killing !== null;
      await kill();
      await Promise.all(readers);
      if (killedMidway) ackedBeforeKill.push(acks);

      const { rows: readRows } = await db.query<{ n: number }>(
        `SELECT count(DISTINCT request_id)::int AS n FROM audit_events
          WHERE action = 'client.viewed' AND request_id = ANY($1::text[])`,
        [readIds],
      );
      const readsWithoutAudit = readIds.length - (readRows[0]?.n ?? 0);
      totals.readsAcknowledged += readIds.length;
      totals.readsWithoutAudit += readsWithoutAudit;
      check(
        readsWithoutAudit === 0,
        `run ${run}: ${readsWithoutAudit} of ${readIds.length} acknowledged reads have no audit row`,
      );

      const { rows } = await db.query<CourseRow>(COURSE_STATE, [clientIds]);
      const states = rows.map(stateOf);
      const count = (state: State) => states.filter((s) => s === state).length;
      const byId = new Map(rows.map((row) => [row.id, stateOf(row)]));
      const lost =
        [...openedAcked].filter((id) => !byId.has(id)).length +
        [...contractedAcked].filter((id) => byId.get(id) !== "complete").length;
      const clientsWithCourse = new Set(rows.map((row) => row.client_id));

      totals.attempted += COURSES;
      totals.acknowledged += contractedAcked.size;
      totals.complete += count("complete");
      totals.opened += count("opened");
      totals.halfWritten += count("half-written");
      totals.absent += COURSES - clientsWithCourse.size;
      totals.lost += lost;
      totals.unexpected += unexpected.length;
      check(count("half-written") === 0, `run ${run}: ${count("half-written")} half-written courses`);
      check(lost === 0, `run ${run}: ${lost} acknowledged writes are not in the database`);
      check(killedMidway, `run ${run}: every write was answered before the kill point`);
      check(unexpected.length === 0, `run ${run}: unexpected answers: ${unexpected.slice(0, 5).join(", ")}`);
      check(rows.length <= COURSES, `run ${run}: more courses than attempted (${rows.length})`);

      // The sealer died with the API, maybe mid-batch: what it had committed is one intact chain.
      const asLeft = await verifyChainAsLeft(database.url);
      totals.sealedAtKill = asLeft.checked;
      if (asLeft.firstBroken) totals.chainBrokenAtKill += 1;
      check(asLeft.firstBroken === null, `run ${run}: the chain as the killed sealer left it is broken`);
    }

    // After the last crash the server starts again and serves what was written.
    api = await startApi({ databaseUrl: database.url, name: "after" });
    const reader = required(signedIn[0], "a signed-in therapist");
    const caseload = await retryUnavailable(() =>
      reader.on(api.url).get(endpointPath(endpoints.caseload.list)),
    );
    check(
      caseload.status === 200,
      `the caseload after the last crash should answer 200 (got ${caseload.status})`,
    );
    await checkAuditChain(database.url, { figure, check }, "audit chain after a sealer run");
  } finally {
    await db.end();
  }

  const sorted = [...ackedBeforeKill].sort((a, b) => a - b);
  figure("runs", RUNS);
  figure("courses attempted", totals.attempted);
  figure(
    "kill after acknowledged writes (min/median/max)",
    `${sorted[0]}/${sorted[Math.floor(sorted.length / 2)]}/${sorted.at(-1)}`,
  );
  figure("courses acknowledged", totals.acknowledged);
  figure("courses complete", totals.complete);
  figure("courses opened without a plan", totals.opened);
  figure("courses absent", totals.absent);
  figure("half-written courses", totals.halfWritten);
  figure("acknowledged writes lost", totals.lost);
  figure("audited reads acknowledged", totals.readsAcknowledged);
  figure("acknowledged reads without their audit row", totals.readsWithoutAudit);
  figure("audit events sealed by the killed APIs", totals.sealedAtKill);
  figure("runs whose killed sealer left a broken chain", totals.chainBrokenAtKill);
  figure("runs killed with writes in flight", ackedBeforeKill.length);
  figure("answers 503, retried", totals.refused);
  figure("unexpected answers", totals.unexpected);
  await checkCourseSummaries(database.url, { figure, check });
});
