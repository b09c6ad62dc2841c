// Database restart under load (issue 6, "Faults and load"): RESILIENCE_DB_USERS (5) signed-in
// therapists read their caseload and readiness and create clients without pause while PostgreSQL is
// stopped for RESILIENCE_DOWN_SECONDS (5) and started again, the API left running. While it is down
// every answer must be 503 with Retry-After (never 500, never a dropped connection); after it is back
// the API must answer again by itself within 5 s (measured from PostgreSQL accepting connections).
import { endpointPath, endpoints } from "@ipt/shared";
import {
  ApiSession,
  createAccounts,
  expectOk,
  intKnob,
  runScenario,
  sleep,
  startApi,
  startDatabase,
} from "../harness";
import { required } from "../../src/errors/required";

const USERS = intKnob("RESILIENCE_DB_USERS", 5);
const DOWN_SECONDS = intKnob("RESILIENCE_DOWN_SECONDS", 5);
const RECOVERY_LIMIT_SECONDS = 5;
const CLIENT = {
  displayName: "Restart client (invented)",
  referralReason: "Invented: low mood.",
  workingDiagnosis: "Major depressive episode",
};

type Phase = "before" | "down" | "after";
interface Tally {
  answers: Map<string, number>;
  total: number;
}

await runScenario("db-restart", async ({ figure, check }) => {
  const database = await startDatabase();
  const accounts = await createAccounts(database.url, { therapists: USERS });
  const api = await startApi({ databaseUrl: database.url });
  const sessions = await Promise.all(
    accounts.therapists.map((account) => ApiSession.signIn(api.url, account.email, account.password)),
  );
  for (const session of sessions) {
    expectOk(await session.post(endpointPath(endpoints.clients.create), CLIENT), "a client");
  }

  const tallies: Record<Phase, Tally> = {
    before: { answers: new Map(), total: 0 },
    down: { answers: new Map(), total: 0 },
    after: { answers: new Map(), total: 0 },
  };
  let phase: Phase = "before";
  let stop = false;
  const record = (what: string) => {
    const tally = tallies[phase];
    tally.total += 1;
    tally.answers.set(what, (tally.answers.get(what) ?? 0) + 1);
  };
  const requests = [
    (s: ApiSession) => s.get(endpointPath(endpoints.caseload.list)),
    (s: ApiSession) => s.get(endpointPath(endpoints.health.ready)),
    (s: ApiSession) => s.post(endpointPath(endpoints.clients.create), CLIENT),
  ];
  const worker = async (session: ApiSession, index: number) => {
    for (let i = index; !stop; i++) {
      try {
        const send = required(requests[i % requests.length], "a request");
        const response = await send(session);
        const retryAfter = response.headers.get("retry-after");
        const code = (response.body as { error?: { code?: string } } | null)?.error?.code;
        if (response.status < 300) record("2xx");
        else if (response.status === 503 && retryAfter && code === "service_unavailable")
          record("503 + Retry-After");
        else record(`${response.status} ${code ?? ""}${retryAfter ? "" : " (no Retry-After)"}`.trim());
      } catch (error) {
        record(`no answer (${error instanceof Error ? error.message : "?"})`);
      }
    }
  };
  const load = Promise.all(sessions.map(worker));

  await sleep(2_000);
  phase = "down";
  await database.stopServer();
  await sleep(DOWN_SECONDS * 1000);
  // A request that started while PostgreSQL was down may still be answering: let those land as "down".
  await database.startServer();
  const back = performance.now();
  phase = "after";

  // Recovery: the first moment every kind of request (a signed-in read, readiness, a write) succeeds.
  const probe = required(sessions[0], "a signed-in therapist");
  let recoverySeconds = Number.POSITIVE_INFINITY;
  while ((performance.now() - back) / 1000 < 30) {
    const answers = await Promise.all(requests.map((send) => send(probe).catch(() => null)));
    if (answers.every((answer) => answer !== null && answer.status < 300)) {
      recoverySeconds = (performance.now() - back) / 1000;
      break;
    }
    await sleep(100);
  }
  // Steady again: the load keeps running after recovery, and every answer must be 2xx.
  await sleep(2_000);
  const settled = tallies.after.total;
  tallies.after = { answers: new Map(), total: 0 };
  await sleep(2_000);
  stop = true;
  await load;

  const exited = await Promise.race([api.exited.then(() => true), sleep(0).then(() => false)]);
  const labels: Record<Phase, string> = {
    before: "before the stop",
    down: "while down",
    after: "after recovery",
  };
  for (const name of ["before", "down", "after"] as const) {
    const tally = tallies[name];
    figure(`requests ${labels[name]}`, tally.total);
    for (const [what, count] of tally.answers) figure(`answers ${labels[name]}: ${what}`, count);
  }
  const down = tallies.down;
  const wrongWhileDown =
    down.total - (down.answers.get("503 + Retry-After") ?? 0) - (down.answers.get("2xx") ?? 0);
  const all = Object.values(tallies).flatMap((tally) => [...tally.answers.entries()]);
  const fiveHundreds = all.filter(([what]) => what.startsWith("500")).reduce((sum, [, n]) => sum + n, 0);
  figure("requests from the restart to 2 s after recovery", settled);
  figure("500 answers", fiveHundreds);
  figure("answers while down other than 503 + Retry-After", wrongWhileDown);
  figure("recovery seconds", Number.isFinite(recoverySeconds) ? recoverySeconds.toFixed(2) : "never");
  figure("API restarts", exited ? 1 : 0);

  const { before, after } = tallies;
  check(
    before.total > 0 && before.answers.get("2xx") === before.total,
    "not every answer before the stop was 2xx",
  );
  check(
    (down.answers.get("503 + Retry-After") ?? 0) > 0,
    "no 503 with Retry-After while PostgreSQL was down",
  );
  check(wrongWhileDown === 0, `${wrongWhileDown} answers while down were not 503 with Retry-After`);
  check(fiveHundreds === 0, `${fiveHundreds} answers were 500`);
  check(
    recoverySeconds <= RECOVERY_LIMIT_SECONDS,
    `recovery took ${recoverySeconds} s (limit ${RECOVERY_LIMIT_SECONDS} s)`,
  );
  check(
    after.total > 0 && after.answers.get("2xx") === after.total,
    "not every answer after recovery was 2xx",
  );
  check(!exited, "the API process ended");
});
