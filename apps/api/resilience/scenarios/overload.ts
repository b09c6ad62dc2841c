// Overload (issue 6, "Faults and load"): autocannon floods the API with RESILIENCE_OVERLOAD_CONNECTIONS
// (400) connections for RESILIENCE_OVERLOAD_SECONDS (20) — supervisors' cockpits and therapist
// summaries (the widest queries), caseloads, courses, and sign-ins — far beyond what one process on
// this machine can serve. Every answer must be 2xx, 503 (shed: Retry-After) or 429 (the sign-in
// limit); never a 500. Liveness must keep answering during the flood, and 10 s after it stops the
// API must serve signed-in requests again.
import { endpointPath, endpoints } from "@ipt/shared";
import autocannon from "autocannon";
import { ApiSession, createAccounts, intKnob, runScenario, sleep, startApi, startDatabase } from "../harness";
import { prepareTherapist } from "../load/workload";
import { required } from "../../src/errors/required";

const CONNECTIONS = intKnob("RESILIENCE_OVERLOAD_CONNECTIONS", 400);
const SECONDS = intKnob("RESILIENCE_OVERLOAD_SECONDS", 20);
const THERAPISTS = 8;
const SUPERVISORS = 2;
const HEALTHY_WITHIN_SECONDS = 10;

await runScenario("overload", async ({ figure, check }) => {
  const database = await startDatabase();
  const accounts = await createAccounts(database.url, {
    therapists: THERAPISTS,
    supervisors: SUPERVISORS,
    supervise: true,
  });
  const api = await startApi({ databaseUrl: database.url, env: { LOGIN_RATE_LIMIT_MAX: "50" } });
  const startDate = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
  const therapists = [];
  for (const account of accounts.therapists) {
    const session = await ApiSession.signIn(api.url, account.email, account.password);
    therapists.push(await prepareTherapist(account.id, session, startDate));
  }
  const supervisors = await Promise.all(
    accounts.supervisors.map((account) => ApiSession.signIn(api.url, account.email, account.password)),
  );

  const firstTherapist = required(accounts.therapists[0], "a therapist account");
  const cookieOf = (session: ApiSession) => ({ cookie: required(session.cookie, "a signed-in cookie") });
  const requests: autocannon.Request[] = [
    ...supervisors.flatMap((s) => [
      { method: "GET" as const, path: endpointPath(endpoints.supervision.cockpit), headers: cookieOf(s) },
      {
        method: "GET" as const,
        path: endpointPath(endpoints.supervision.therapistSummaries),
        headers: cookieOf(s),
      },
    ]),
    ...therapists.flatMap((t) => [
      { method: "GET" as const, path: endpointPath(endpoints.caseload.list), headers: cookieOf(t.session) },
      {
        method: "GET" as const,
        path: endpointPath(endpoints.courses.get, { courseId: t.courseId }),
        headers: cookieOf(t.session),
      },
      {
        method: "GET" as const,
        path: endpointPath(endpoints.measures.get, { courseId: t.courseId }),
        headers: cookieOf(t.session),
      },
    ]),
    {
      method: "POST" as const,
      path: endpointPath(endpoints.auth.login),
      headers: { "content-type": "application/json", origin: api.url, "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ email: firstTherapist.email, password: firstTherapist.password }),
    },
  ];

  // Liveness during the flood: answered (200) however busy the process is.
  let floodOver = false;
  const live = { answered: 0, failed: 0 };
  const probeLiveness = (async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set once the flood is over, below
    while (!floodOver) {
      try {
        const response = await fetch(`${api.url}${endpointPath(endpoints.health.live)}`, {
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status === 200) live.answered += 1;
        else live.failed += 1;
      } catch {
        live.failed += 1;
      }
      await sleep(500);
    }
  })();

  const result = await autocannon({
    url: api.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    requests,
  });
  floodOver = true;
  await probeLiveness;
  const stopped = performance.now();

  // Recovery: readiness and a signed-in read both answer 200.
  const probe = required(therapists[0], "a therapist").session;
  let healthySeconds = Number.POSITIVE_INFINITY;
  while ((performance.now() - stopped) / 1000 < 60) {
    const [ready, clients] = await Promise.all([
      fetch(`${api.url}${endpointPath(endpoints.health.ready)}`).then(
        (r) => r.status,
        () => 0,
      ),
      probe.get(endpointPath(endpoints.caseload.list)).then(
        (r) => r.status,
        () => 0,
      ),
    ]);
    if (ready === 200 && clients === 200) {
      healthySeconds = (performance.now() - stopped) / 1000;
      break;
    }
    await sleep(250);
  }

  const byStatus = Object.entries(result.statusCodeStats ?? {}).map(
    ([status, stat]) => [Number(status), stat.count ?? 0] as const,
  );
  const count = (match: (status: number) => boolean) =>
    byStatus.filter(([status]) => match(status)).reduce((sum, [, n]) => sum + n, 0);
  const shed = count((s) => s === 503 || s === 429);
  const serverErrors = count((s) => s >= 500 && s !== 503);
  const exited = await Promise.race([api.exited.then(() => true), sleep(0).then(() => false)]);

  figure("connections", CONNECTIONS);
  figure("seconds", SECONDS);
  figure("requests", result.requests.total);
  figure("req/s", result.requests.average.toFixed(0));
  for (const [status, n] of byStatus.sort(([a], [b]) => a - b)) figure(`answers ${status}`, n);
  figure("shed (503 or 429)", shed);
  figure(
    "500 answers",
    count((s) => s === 500),
  );
  figure("other 5xx answers", serverErrors - count((s) => s === 500));
  figure("connection errors", result.errors);
  figure("timeouts", result.timeouts);
  figure("latency p99 ms", result.latency.p99);
  figure("liveness answered during the flood", `${live.answered} of ${live.answered + live.failed}`);
  figure(
    "healthy again after seconds",
    Number.isFinite(healthySeconds) ? healthySeconds.toFixed(2) : "never",
  );

  check(serverErrors === 0, `${serverErrors} answers were 5xx other than 503`);
  check(shed > 0, "nothing was shed: the load was not beyond capacity");
  check(result.errors === 0, `${result.errors} connection errors or timeouts`);
  check(live.failed === 0, `liveness failed ${live.failed} times during the flood`);
  check(
    healthySeconds <= HEALTHY_WITHIN_SECONDS,
    `healthy again after ${healthySeconds} s (limit ${HEALTHY_WITHIN_SECONDS} s)`,
  );
  check(!exited, "the API process ended");
});
