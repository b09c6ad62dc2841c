// Clinical set-up for integration tests: a therapist with a client and a course whose plan has been
// generated, built through the API routes as a therapist would, plus small request helpers.
import {
  courseDetail,
  sessionDetail,
  type CourseDetail,
  type CourseFormat,
  type Frequency,
  type SessionDetail,
} from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import type { App } from "../../src/app";
import type { PrismaClient } from "../../src/db/prisma";
import { createAccount, signIn, type SignedIn } from "./app";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Requests as one signed-in user; `payload` is sent as JSON. */
export function clientFor(app: App, session: SignedIn) {
  const send = (method: Method, url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: method === "GET" ? { cookie: session.cookie } : session.headers,
      ...(payload ? { payload } : {}),
    });
  return {
    get: (url: string) => send("GET", url),
    post: (url: string, payload: object = {}) => send("POST", url, payload),
    put: (url: string, payload: object) => send("PUT", url, payload),
    patch: (url: string, payload: object) => send("PATCH", url, payload),
  };
}
export type ApiClient = ReturnType<typeof clientFor>;

/** The body of a 2xx answer, parsed with its schema; anything else fails the test with the body. */
export function ok<T>(
  response: LightMyRequestResponse,
  schema: { parse(value: unknown): T },
  status = 200,
): T {
  expect(response.statusCode, response.body).toBe(status);
  return schema.parse(response.json());
}

export const asCourse = (response: LightMyRequestResponse, status = 200): CourseDetail =>
  ok(response, courseDetail, status);
export const asSession = (response: LightMyRequestResponse, status = 200): SessionDetail =>
  ok(response, sessionDetail, status);

export interface CourseOptions {
  format?: CourseFormat;
  plannedSessions?: number;
  startDate?: string;
  frequency?: Frequency;
  terminationLead?: number;
  /** "initial": the contract is agreed and the plan generated; "middle": the middle phase has started. */
  phase?: "initial" | "middle";
}

export interface TherapistCourse {
  therapist: Awaited<ReturnType<typeof createAccount>>;
  session: SignedIn;
  api: ApiClient;
  clientId: string;
  course: CourseDetail;
}

/** A new therapist, signed in, with a new client and a course with a generated plan. */
export async function therapistWithCourse(
  app: App,
  prisma: PrismaClient,
  options: CourseOptions = {},
): Promise<TherapistCourse> {
  const therapist = await createAccount(prisma, { role: "therapist" });
  const session = await signIn(app, therapist.email);
  const api = clientFor(app, session);
  const course = await courseFor(api, options);
  return { therapist, session, api, clientId: course.client.id, course };
}

/** A new client of the signed-in therapist behind `api`, with a course set up as `options` say. */
export async function courseFor(api: ApiClient, options: CourseOptions = {}): Promise<CourseDetail> {
  const format = options.format ?? "standard";
  const startDate = options.startDate ?? "2026-01-05";
  const client = await api.post("/api/clients", {
    displayName: "Client A",
    referralReason: "Low mood since a move abroad.",
    workingDiagnosis: "Major depressive episode",
  });
  expect(client.statusCode, client.body).toBe(201);
  const clientId = client.json<{ id: string }>().id;
  let course = asCourse(
    await api.post(`/api/clients/${clientId}/courses`, { format, lineage: "weissman", startDate }),
    201,
  );
  const at = `/api/courses/${course.id}`;
  if (options.phase === "middle") {
    course = asCourse(
      await api.patch(`${at}/initial-tasks`, {
        version: course.version,
        diagnosisNamed: true,
        sickRoleGiven: true,
      }),
    );
    const person = await api.post(`/api/clients/${clientId}/inventory/people`, {
      label: "Sam",
      relationship: "partner",
      ring: "inner",
    });
    expect(person.statusCode, person.body).toBe(201);
    course = asCourse(
      await api.put(`${at}/problem-area`, { version: course.version, primaryArea: "role_transition" }),
    );
    course = asCourse(
      await api.put(`${at}/formulation`, {
        version: course.version,
        formulation: "Depression that began with the move abroad.",
        agreedOn: startDate,
      }),
    );
  }
  course = asCourse(
    await api.put(`${at}/contract`, {
      version: course.version,
      plannedSessions: options.plannedSessions ?? (format === "ipt_b" ? 9 : 12),
      frequency: options.frequency ?? "weekly",
      sessionMinutes: 50,
      startDate,
      terminationLead: options.terminationLead ?? 2,
      missedSessionPolicy: "A missed session is not replaced unless agreed.",
      agreedOn: startDate,
    }),
  );
  if (options.phase === "middle") {
    course = asCourse(await api.post(`${at}/middle-phase`, { version: course.version }));
  }
  return course;
}

/** The counted sessions (not cancelled) of a course as [number, date, phase, slot, status]. */
export const planOf = (course: CourseDetail) =>
  course.sessions
    .filter((s) => s.status !== "cancelled")
    .map((s) => [s.number, s.plannedDate, s.phase, s.slot, s.status] as const);

/** The session numbered `number` in a course. */
export function sessionNumbered(course: CourseDetail, number: number) {
  const found = course.sessions.find((s) => s.number === number);
  if (!found) throw new Error(`no session ${number} in the plan`);
  return found;
}

/** Marks sessions held (they must be dated today or earlier) and returns the updated course. */
export async function holdSessions(
  api: ApiClient,
  courseId: string,
  numbers: number[],
): Promise<CourseDetail> {
  for (const number of numbers) {
    const course = asCourse(await api.get(`/api/courses/${courseId}`));
    const session = sessionNumbered(course, number);
    asSession(await api.patch(`/api/sessions/${session.id}`, { version: session.version, status: "held" }));
  }
  return asCourse(await api.get(`/api/courses/${courseId}`));
}
