// Backup and restore drill (issue 6, "Faults and load"): a database filled through the API (therapists
// working for RESILIENCE_DRILL_SECONDS (10): clients, courses, session notes, scores, inventory) and
// the demo caseloads (built through the app's services: reviews, co-signatures, fidelity ratings, risk
// flags, terminations …) and the newer features done once each (resilience/drill/features.ts:
// calendar feed, supervisor assignment, refusal, throttled password, outreach, questionnaire links
// and one pass of their automatic sending, TOTP, recovery codes, a passkey, an archived audit month)
// is backed up with `db:backup`, restored with `db:restore --new-database` into a fresh database on
// the same server, and every table's row count and checksum are compared
// between the two databases, independently of the restore's own verification.
import { endpointPath, endpoints } from "@ipt/shared";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { fingerprint, listTables, useCanonicalTextForm, type Fingerprint } from "../../src/backup/catalog";
import { DEMO_PASSWORD, seedDemoAccounts } from "../../src/seed/demo-accounts";
import { seedDemoCaseloads } from "../../src/seed/demo-caseload";
import {
  ApiSession,
  createAccounts,
  expectOk,
  intKnob,
  onCleanup,
  runScenario,
  seededRandom,
  startApi,
  startDatabase,
  withPrisma,
} from "../harness";
import {
  archiveTheOldMonth,
  auditAnOldMonth,
  clientWithSessionAhead,
  exerciseFeatures,
  sendQuestionnairesOnce,
} from "../drill/features";
import { Ledger } from "../load/ledger";
import { prepareTherapist, therapistLoop } from "../load/workload";
import { required } from "../../src/errors/required";

const SECONDS = intKnob("RESILIENCE_DRILL_SECONDS", 10);
const THERAPISTS = 6;
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs a CLI (`pnpm db:backup`/`db:restore` without pnpm) against `databaseUrl`; throws on failure. */
function runCli(
  script: string,
  args: string[],
  databaseUrl: string,
): Promise<{ seconds: number; output: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", `src/cli/${script}.ts`, ...args], {
      cwd: apiDir,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) =>
      code === 0
        ? resolve({ seconds: (performance.now() - started) / 1000, output })
        : reject(new Error(`${script} exited ${code}:\n${output}`)),
    );
  });
}

/**
 * A demo therapist changes the problem area of a middle-phase course, giving the reason, as IPT allows
 * once the initial phase is over: so the problem_area_changes table has rows to back up too.
 */
async function changeOneProblemArea(apiUrl: string, therapistEmails: string[]) {
  for (const email of therapistEmails) {
    const session = await ApiSession.signIn(apiUrl, email, DEMO_PASSWORD);
    const caseload = expectOk<{ items: { course: { id: string } | null }[] }>(
      await session.get(endpointPath(endpoints.caseload.list, {}, { phase: "middle" })),
      "reading a demo caseload",
    );
    const courseId = caseload.items.find((item) => item.course)?.course?.id;
    if (!courseId) continue;
    const course = expectOk<{ version: number; primaryArea: string | null }>(
      await session.get(endpointPath(endpoints.courses.get, { courseId })),
      "reading a demo course",
    );
    const toDispute = course.primaryArea !== "role_dispute";
    expectOk(
      await session.put(endpointPath(endpoints.courses.setProblemArea, { courseId }), {
        version: course.version,
        primaryArea: toDispute ? "role_dispute" : "role_transition",
        disputeStage: toDispute ? "renegotiation" : null,
        reason: "Invented: the dispute with a partner has come to the fore.",
      }),
      "changing the problem area",
    );
    return;
  }
  throw new Error("No demo therapist has a course in the middle phase.");
}

async function fingerprints(url: string): Promise<Map<string, Fingerprint>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await useCanonicalTextForm(client);
    const result = new Map<string, Fingerprint>();
    for (const table of await listTables(client)) result.set(table.name, await fingerprint(client, table));
    await client.query("COMMIT");
    return result;
  } finally {
    await client.end();
  }
}

await runScenario("backup-drill", async ({ figure, check }) => {
  const database = await startDatabase();
  let demoTherapists: string[] = [];
  await withPrisma(database.url, async (prisma) => {
    const demo = await seedDemoAccounts(prisma);
    demoTherapists = demo.filter((account) => account.role === "therapist").map((account) => account.email);
    await seedDemoCaseloads(prisma);
  });
  await auditAnOldMonth(database.url);
  const accounts = await createAccounts(database.url, {
    therapists: THERAPISTS,
    supervisors: 1,
    admins: 2,
  });
  const api = await startApi({ databaseUrl: database.url, env: { LOGIN_RATE_LIMIT_MAX: "100" } });
  const startDate = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
  const therapists = [];
  for (const account of accounts.therapists) {
    const session = await ApiSession.signIn(api.url, account.email, account.password);
    therapists.push(await prepareTherapist(account.id, session, startDate));
  }
  // The organisation settings row: an admin saves the measurement settings as read.
  const adminAccount = required(accounts.admins[0], "the admin account");
  const admin = await ApiSession.signIn(api.url, adminAccount.email, adminAccount.password);
  const settings = expectOk<{
    version: number;
    settings: unknown;
    supervision: unknown;
    service: unknown;
    safety: unknown;
  }>(await admin.get(endpointPath(endpoints.settings.measurement)), "reading the settings");
  expectOk(
    await admin.put(endpointPath(endpoints.settings.updateMeasurement), {
      version: settings.version,
      settings: settings.settings,
      supervision: settings.supervision,
      service: settings.service,
      safety: settings.safety,
      // Automatic questionnaire sending on (this API has no e-mail: the drill runs one pass itself).
      questionnaireSending: { automatic: true, hoursBefore: 336, reminderAfterHours: 24 },
    }),
    "saving the settings",
  );
  const ledger = new Ledger();
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(therapists.map((t, i) => therapistLoop(t, ledger, seededRandom(i + 1), deadline, 50)));
  await changeOneProblemArea(api.url, demoTherapists);
  // The tables of the features the loop does not touch, each filled once through the API.
  const first = required(therapists[0], "a therapist");
  await exerciseFeatures({
    apiUrl: api.url,
    admin,
    therapist: first,
    supervisor: required(accounts.supervisors[0], "the supervisor account"),
    enrolling: required(accounts.admins[1], "the second admin account"),
  });
  await clientWithSessionAhead(first);
  // The source must hold still between the backup and the comparison.
  await api.stop();

  const work = await mkdtemp(path.join(tmpdir(), "ipt-backup-drill-"));
  onCleanup(() => rm(work, { recursive: true, force: true }));
  await sendQuestionnairesOnce(database.url);
  await archiveTheOldMonth(database.url, path.join(work, "audit-archive"));
  const folder = path.join(work, "backup");
  const backup = await runCli("backup", [folder], database.url);
  const restoredName = "ipt_drill_restored";
  const restore = await runCli("restore", [folder, "--new-database", restoredName], database.url);

  const source = await fingerprints(database.url);
  const restored = await fingerprints(database.urlFor(restoredName));
  const names = [...new Set([...source.keys(), ...restored.keys()])].sort();
  const mismatched = names.filter((name) => {
    const a = source.get(name);
    const b = restored.get(name);
    return !a || !b || a.rows !== b.rows || a.checksum !== b.checksum;
  });
  const empty = names.filter((name) => (source.get(name)?.rows ?? 0) === 0);
  const rows = [...source.values()].reduce((sum, table) => sum + table.rows, 0);

  figure("API requests", ledger.requests);
  // Not checked here (the load scenario is about errors): a shed request only means fewer rows.
  figure("API errors", ledger.errorCount());
  figure("tables", names.length);
  figure("rows", rows);
  figure("tables without rows", empty.length ? `${empty.length} (${empty.join(", ")})` : 0);
  figure("backup seconds", backup.seconds.toFixed(1));
  figure("restore seconds (with verification)", restore.seconds.toFixed(1));
  figure("mismatches", mismatched.length);
  for (const name of mismatched)
    figure(
      `mismatch ${name}`,
      `${JSON.stringify(source.get(name))} vs ${JSON.stringify(restored.get(name))}`,
    );

  check(
    mismatched.length === 0,
    `${mismatched.length} tables differ after the restore: ${mismatched.join(", ")}`,
  );
  check(names.length > 0 && rows > 0, "the drill backed up nothing");
  // An empty table would pass the comparison without proving its rows survive a restore.
  check(empty.length === 0, `the drill left tables without rows: ${empty.join(", ")}`);
});
