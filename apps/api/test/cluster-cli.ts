// For the browser tests (apps/web/e2e), which talk to the API as a separate process and so cannot
// import its code: starts a throwaway PostgreSQL with a migrated template database, prints one JSON
// line `{ adminUrl, template, urlTemplate }`, and stops (deleting the data) when stdin closes.
import path from "node:path";
import { repoRoot } from "../src/config/config";
import { applyMigrations } from "../src/db/migrations";
import { adminQuery, quoteIdent, startTestCluster, storeTestSignInSettings } from "./helpers/test-cluster";

const cluster = await startTestCluster();
const template = `ipt_e2e_template_${process.pid}`;
const adminUrl = cluster.urlFor("postgres");
await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`);
await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(template)}`);
await applyMigrations(cluster.urlFor(template), path.join(repoRoot, "prisma", "migrations"));
await storeTestSignInSettings(cluster.urlFor(template));
process.stdout.write(`${JSON.stringify({ adminUrl, template, urlTemplate: cluster.urlFor("__DB__") })}\n`);

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
