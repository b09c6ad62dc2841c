// Clinical set-up through the API, for specs whose story starts in the middle of a course: the same
// requests the set-up pages send, made as the therapist, so the browser part stays on what is tested.
import { weekdayOf } from "@ipt/shared";
import { request, type APIRequestContext } from "@playwright/test";
import type { Account } from "./accounts";

export interface AccountApi {
  post(url: string, data: object): Promise<unknown>;
  put(url: string, data: object): Promise<unknown>;
  patch(url: string, data: object): Promise<unknown>;
  get(url: string): Promise<unknown>;
  dispose(): Promise<void>;
}

interface CourseView {
  id: string;
  version: number;
  sessions: { id: string; number: number | null; version: number }[];
}

async function expectOk(context: APIRequestContext, method: string, url: string, data?: object) {
  const response = await context.fetch(url, { method, ...(data ? { data } : {}) });
  if (!response.ok())
    throw new Error(`${method} ${url} failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as unknown;
}

/** The API as `account` (a therapist, or an admin for settings), signed in with their own password. */
export async function apiAs(baseURL: string, account: Account): Promise<AccountApi> {
  const login = await request.newContext({ baseURL });
  const response = await login.post("/api/auth/login", {
    data: { email: account.email, password: account.password },
  });
  if (!response.ok()) throw new Error(`sign-in as ${account.email} failed: ${response.status()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const state = await login.storageState();
  await login.dispose();
  const context = await request.newContext({
    baseURL,
    storageState: state,
    extraHTTPHeaders: { "x-csrf-token": csrfToken },
  });
  return {
    get: (url) => expectOk(context, "GET", url),
    post: (url, data) => expectOk(context, "POST", url, data),
    put: (url, data) => expectOk(context, "PUT", url, data),
    patch: (url, data) => expectOk(context, "PATCH", url, data),
    dispose: () => context.dispose(),
  };
}

/**
 * A client with a standard 12-session weekly course from `startDate`, every initial-phase task done
 * and the plan generated (the course is still in the initial phase). All text is invented.
 */
export async function clientWithCourse(api: AccountApi, displayName: string, startDate: string) {
  const client = (await api.post("/api/clients", {
    displayName,
    referralReason: "Invented: low mood after a change of job.",
    workingDiagnosis: "Major depressive episode, moderate",
  })) as { id: string };
  let course = (await api.post(`/api/clients/${client.id}/courses`, {
    format: "standard",
    lineage: "weissman",
    startDate,
  })) as CourseView;
  course = (await api.patch(`/api/courses/${course.id}/initial-tasks`, {
    version: course.version,
    diagnosisNamed: true,
    sickRoleGiven: true,
  })) as CourseView;
  await api.post(`/api/clients/${client.id}/inventory/people`, {
    label: "Manager (invented)",
    relationship: "manager",
    ring: "middle",
  });
  course = (await api.put(`/api/courses/${course.id}/problem-area`, {
    version: course.version,
    primaryArea: "role_transition",
  })) as CourseView;
  course = (await api.put(`/api/courses/${course.id}/formulation`, {
    version: course.version,
    formulation: "Invented: the depression began with the new role at work.",
    agreedOn: startDate,
  })) as CourseView;
  course = (await api.put(`/api/courses/${course.id}/contract`, {
    version: course.version,
    plannedSessions: 12,
    frequency: "weekly",
    sessionMinutes: 50,
    startDate,
    weekday: weekdayOf(startDate),
    startTime: "09:00",
    terminationLead: 2,
    missedSessionPolicy: "Invented: a missed session is re-planned at the end.",
    agreedOn: startDate,
  })) as CourseView;
  return { clientId: client.id, courseId: course.id };
}

/** Marks session `number` held and records a PHQ-9 there through the API. */
export async function heldWithPhq9(api: AccountApi, courseId: string, number: number, items: number[]) {
  const course = (await api.get(`/api/courses/${courseId}`)) as CourseView;
  const session = course.sessions.find((s) => s.number === number);
  if (!session) throw new Error(`no session ${number}`);
  await api.patch(`/api/sessions/${session.id}`, { version: session.version, status: "held" });
  await api.post(`/api/courses/${courseId}/measures`, { sessionId: session.id, instrument: "phq9", items });
}

/** Signs session `number` (held or no-show) through the API. */
export async function signSession(api: AccountApi, courseId: string, number: number) {
  const course = (await api.get(`/api/courses/${courseId}`)) as CourseView;
  const session = course.sessions.find((s) => s.number === number);
  if (!session) throw new Error(`no session ${number}`);
  await api.post(`/api/sessions/${session.id}/sign`, { version: session.version });
  return session.id;
}
