// The resilience harness, shared by every scenario in scenarios/ (import from "../harness"):
//
//   runScenario(name, async ({ figure, check, logDir }) => { ... })   frame, figures, exit code
//   startDatabase()      embedded PostgreSQL + migrated database; stopServer()/startServer() to restart
//   startApi({ databaseUrl, env })   the real server as a child process on a free port, logs to a file
//   createAccounts(databaseUrl, { therapists, supervisors, admins, supervise })
//   ApiSession.signIn(url, email, password)   a browser-like client: cookie, CSRF token, Origin
//   retryUnavailable(() => session.post(...))  set-up requests that wait out a 503
//   checkAuditChain(databaseUrl, { figure, check })  after the faults: a sealer run, then the chain verified
//
// Everything started through the harness is stopped (and its folder deleted) when the scenario ends,
// also when it fails or is interrupted. Logs go to the scenario's log folder, kept only on failure.
export { checkAuditChain, verifyChainAsLeft } from "./harness/audit";
export { createAccounts, withPrisma, type Account, type Accounts } from "./harness/accounts";
export { startApi, type ApiProcess, type StartApiOptions } from "./harness/api-process";
export { startDatabase, MIGRATIONS_DIR, type ResilienceDatabase } from "./harness/database";
export { ApiSession, expectOk, retryUnavailable, type ApiResponse, type Method } from "./harness/http";
export {
  intKnob,
  onCleanup,
  percentile,
  runScenario,
  scenarioLogDir,
  seededRandom,
  sleep,
  type Scenario,
} from "./harness/scenario";
