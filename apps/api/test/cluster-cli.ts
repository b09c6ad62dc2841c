// For the browser tests (apps/web/e2e), which talk to the API as a separate process and so cannot
// import its code: starts a throwaway PostgreSQL with a migrated template database and the app's
// least-privilege role (as `npm start` creates it), prints one JSON line
// `{ adminUrl, template, urlTemplate, appUrlTemplate }`, and stops (deleting the data) when stdin closes.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { repoRoot } from "../src/config/config";
import { EMBEDDED_APP_ROLE, ensureLoginRole, grantAppRights } from "../src/db/app-role";
import { applyMigrations } from "../src/db/migrations";
import { adminQuery, quoteIdent, startTestCluster, storeTestSignInSettings } from "./helpers/test-cluster";

const cluster = await startTestCluster();
const template = `ipt_e2e_template_${process.pid}`;
const adminUrl = cluster.urlFor("postgres");
await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`);
await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(template)}`);
await applyMigrations(cluster.urlFor(template), path.join(repoRoot, "prisma", "migrations"));
await storeTestSignInSettings(cluster.urlFor(template));
const appPassword = randomBytes(18).toString("base64url");
await ensureLoginRole(adminUrl, EMBEDDED_APP_ROLE, appPassword);
await grantAppRights(cluster.urlFor(template), EMBEDDED_APP_ROLE); // copied with the template
const urlTemplate = cluster.urlFor("__DB__");
const appUrlTemplate = Object.assign(new URL(urlTemplate), {
  username: EMBEDDED_APP_ROLE,
  password: appPassword,
})
  .toString()
  .replace(encodeURIComponent("__DB__"), "__DB__");
process.stdout.write(`${JSON.stringify({ adminUrl, template, urlTemplate, appUrlTemplate })}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`).catch(() => {});
  await cluster.stop();
  process.exit(0);
}
process.stdin.on("end", () => void stop());
process.stdin.on("close", () => void stop());
process.stdin.resume();
process.on("SIGTERM", () => void stop());
