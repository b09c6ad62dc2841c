// The demo app for the audits, as `npm start` runs it: the real server (apps/api, tsx) serving the
// built web app, on an embedded PostgreSQL with the demo accounts and their invented caseloads, but in
// a temporary folder and on free ports, removed afterwards. Then the demo therapist signs in and the
// pages to audit are found in their caseload.
import { caseloadResponse, courseDetail } from "@ipt/shared";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, waitUntilReady } from "../e2e/support/api-server";
import { apiDir, tsxBin } from "../e2e/support/paths";

/** The demo therapist of the README (invented account, the demo's one shared password). */
const DEMO_THERAPIST = { email: "therapist.tom@demo.ipt-planner.test", password: "demo-password-2026" };
const SESSION_COOKIE = "__Host-ipt_session";

export interface DemoApp {
  url: string;
  stop(): Promise<void>;
}

export async function startDemoApp(): Promise<DemoApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "ipt-lighthouse-"));
  const port = await freePort();
  const { DATABASE_URL: _ignored, ...environment } = process.env;
  const child = spawn(tsxBin, ["src/server.ts"], {
    cwd: apiDir,
    env: {
      ...environment,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM"); // the server stops its embedded PostgreSQL on the way out
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // A new cluster, the migrations and the demo caseloads take a while on a small machine.
    await waitUntilReady(url, child, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function getJson(url: string, cookie: string): Promise<unknown> {
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.json();
}

export interface SignedInPages {
  /** The Cookie header of the demo therapist's session. */
  cookie: string;
  caseload: string;
  course: string;
  session: string;
}

/** Signs the demo therapist in and finds a course in its middle phase and a session held in it. */
export async function demoTherapistPages(baseUrl: string): Promise<SignedInPages> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(DEMO_THERAPIST),
  });
  if (!login.ok) throw new Error(`the demo therapist could not sign in: ${login.status}`);
  const sessionCookie = login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!sessionCookie) throw new Error("sign-in set no session cookie");
  const [cookie = sessionCookie] = sessionCookie.split(";");

  const caseload = caseloadResponse.parse(await getJson(`${baseUrl}/api/clients`, cookie));
  const course = caseload.items.find((client) => client.course?.phase === "middle")?.course;
  if (!course) throw new Error("the demo caseload has no course in its middle phase");
  const detail = courseDetail.parse(await getJson(`${baseUrl}/api/courses/${course.id}`, cookie));
  const held = detail.sessions.filter((session) => session.status === "held").at(-1);
  if (!held) throw new Error("the demo course has no session held");
  return {
    cookie,
    caseload: "/caseload",
    course: `/courses/${course.id}`,
    session: `/sessions/${held.id}`,
  };
}
