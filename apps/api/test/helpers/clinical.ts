// Clinical fixtures for the integration tests: a signed-in clinician who calls the API through
// app.inject(), a parser for 2xx bodies, and the steps that build a client and a course as a
// therapist would, through the API routes. Imported by tests only.
import {
  clientDetail,
  courseDetail,
  endpointPath,
  endpoints,
  inventoryPerson,
  lifeEvent,
  sessionDetail,
  weekdayOf,
  type ClientDetail,
  type ContractRequest,
  type CourseDetail,
  type CourseFormat,
  type CreateClientRequest,
  type CreateCourseRequest,
  type Frequency,
  type SessionDetail,
} from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import type { App } from "../../src/app";
import type { PrismaClient } from "../../src/db/prisma";
import { createAccount, signIn, type SignedIn } from "./app";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A signed-in account and its requests; `payload` is sent as JSON. */
export interface Clinician {
  id: string;
  name: string;
  email: string;
  session: SignedIn;
  /** For a method chosen at run time; otherwise use the shorthands below. */
  call(method: Method, url: string, payload?: object): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: object): Promise<LightMyRequestResponse>;
  put(url: string, payload: object): Promise<LightMyRequestResponse>;
  patch(url: string, payload: object): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** A fresh signed-in account (a therapist unless told otherwise). */
export async function signedInAs(
  app: App,
  prisma: PrismaClient,
  role: "therapist" | "supervisor" | "admin" = "therapist",
): Promise<Clinician> {
  const account = await createAccount(prisma, { role });
  const session = await signIn(app, account.email);
  const call = (method: Method, url: string, payload?: object) =>
    app.inject({
      method,
      url,
      // A read carries only the cookie; a state-changing request also carries the CSRF header.
      headers: method === "GET" ? { cookie: session.cookie } : session.headers,
      ...(payload ? { payload } : {}),
    });
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    session,
    call,
    get: (url) => call("GET", url),
    post: (url, payload = {}) => call("POST", url, payload),
    put: (url, payload) => call("PUT", url, payload),
    patch: (url, payload) => call("PATCH", url, payload),
    delete: (url) => call("DELETE", url),
  };
}

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

export async function newClient(who: Clinician, overrides: Partial<CreateClientRequest> = {}) {
  const response = await who.post(endpointPath(endpoints.clients.create), {
    displayName: "Client A",
    referralReason: "Low mood since moving city",
    workingDiagnosis: "Major depressive episode",
    ...overrides,
  });
  return ok(response, clientDetail, 201);
}

export async function newCourse(
  who: Clinician,
  clientId: string,
  body: CreateCourseRequest = { format: "standard", lineage: "weissman" },
) {
  return asCourse(await who.post(endpointPath(endpoints.courses.start, { clientId }), body), 201);
}

export async function addPerson(who: Clinician, clientId: string, label = "Partner") {
  const response = await who.post(endpointPath(endpoints.inventory.addPerson, { clientId }), {
    label,
    relationship: "partner",
    ring: "inner",
  });
  return ok(response, inventoryPerson, 201);
}

export async function addLifeEvent(
  who: Clinician,
  clientId: string,
  kind: "death" | "dispute" | "transition" | "other",
  occurredOn = "2025-06-01",
) {
  const response = await who.post(endpointPath(endpoints.inventory.addLifeEvent, { clientId }), {
    occurredOn,
    kind,
    description: "An event",
  });
  return ok(response, lifeEvent, 201);
}

/**
 * A contract body: 12 weekly sessions of 50 minutes at 09:00 from Monday 2026-01-05 (on the start
 * date's weekday unless `weekday` is given), ending raised 2 before the end.
 */
export const contract = (version: number, overrides: Partial<ContractRequest> = {}): ContractRequest => {
  const startDate = overrides.startDate ?? "2026-01-05";
  return {
    version,
    plannedSessions: 12,
    frequency: "weekly",
    sessionMinutes: 50,
    startDate,
    weekday: weekdayOf(startDate),
    startTime: "09:00",
    terminationLead: 2,
    missedSessionPolicy: "A missed session is not replaced unless agreed in advance.",
    agreedOn: "2026-01-05",
    ...overrides,
  };
};

type Step = (who: Clinician, course: CourseDetail, terms?: Partial<ContractRequest>) => Promise<CourseDetail>;

/** The initial-phase steps, by the gap item each one closes. `terms` adjust the contract. */
export const initialSteps = {
  diagnosis_named: async (who, course) =>
    asCourse(
      await who.patch(endpointPath(endpoints.courses.updateInitialTasks, { courseId: course.id }), {
        version: course.version,
        diagnosisNamed: true,
      }),
    ),
  sick_role: async (who, course) =>
    asCourse(
      await who.patch(endpointPath(endpoints.courses.updateInitialTasks, { courseId: course.id }), {
        version: course.version,
        sickRoleGiven: true,
      }),
    ),
  inventory: async (who, course) => {
    await addPerson(who, course.client.id);
    return course;
  },
  problem_area: async (who, course) =>
    asCourse(
      await who.put(endpointPath(endpoints.courses.setProblemArea, { courseId: course.id }), {
        version: course.version,
        primaryArea: "role_transition",
      }),
    ),
  formulation_agreed: async (who, course) =>
    asCourse(
      await who.put(endpointPath(endpoints.courses.setFormulation, { courseId: course.id }), {
        version: course.version,
        formulation: "The depression began with the move and the loss of the old role.",
        agreedOn: "2026-01-12",
      }),
    ),
  contract: async (who, course, terms = {}) =>
    asCourse(
      await who.put(
        endpointPath(endpoints.courses.setContract, { courseId: course.id }),
        contract(course.version, terms),
      ),
    ),
} satisfies Record<string, Step>;

export type InitialStep = keyof typeof initialSteps;
export const initialStepNames = Object.keys(initialSteps) as InitialStep[];

/** Runs the named initial-phase steps in order and returns the course as read afterwards. */
export async function completeSteps(
  who: Clinician,
  course: CourseDetail,
  steps = initialStepNames,
  terms: Partial<ContractRequest> = {},
) {
  let current = course;
  for (const step of steps) current = await initialSteps[step](who, current, terms);
  return asCourse(await who.get(endpointPath(endpoints.courses.get, { courseId: course.id })));
}

export interface CourseOptions {
  /** The client to open the course for; a new one by default. */
  client?: ClientDetail;
  format?: CourseFormat;
  plannedSessions?: number;
  startDate?: string;
  frequency?: Frequency;
  terminationLead?: number;
  /**
   * "initial" (the default): only the contract is agreed, so the plan is generated;
   * "ready": every initial-phase step is done, but the middle phase has not started;
   * "middle": the middle phase has started.
   */
  phase?: "initial" | "ready" | "middle";
}

/** A course of a client of `who`, set up as `options` say (by default 12 weekly sessions from 2026-01-05). */
export async function courseFor(who: Clinician, options: CourseOptions = {}): Promise<CourseDetail> {
  const format = options.format ?? "standard";
  const startDate = options.startDate ?? "2026-01-05";
  const client = options.client ?? (await newClient(who));
  const opened = await newCourse(who, client.id, { format, lineage: "weissman", startDate });
  const phase = options.phase ?? "initial";
  const course = await completeSteps(who, opened, phase === "initial" ? ["contract"] : initialStepNames, {
    plannedSessions: options.plannedSessions ?? (format === "ipt_b" ? 9 : 12),
    frequency: options.frequency ?? "weekly",
    startDate,
    agreedOn: startDate,
    ...(options.terminationLead === undefined ? {} : { terminationLead: options.terminationLead }),
  });
  if (phase !== "middle") return course;
  return asCourse(
    await who.post(endpointPath(endpoints.courses.beginMiddlePhase, { courseId: course.id }), {
      version: course.version,
    }),
  );
}

/** A new therapist, signed in, with a new client and a course set up as `options` say. */
export async function therapistWithCourse(app: App, prisma: PrismaClient, options: CourseOptions = {}) {
  const therapist = await signedInAs(app, prisma);
  return { therapist, course: await courseFor(therapist, options) };
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
  who: Clinician,
  courseId: string,
  numbers: number[],
): Promise<CourseDetail> {
  for (const number of numbers) {
    const course = asCourse(await who.get(endpointPath(endpoints.courses.get, { courseId })));
    const session = sessionNumbered(course, number);
    asSession(
      await who.patch(endpointPath(endpoints.sessions.update, { sessionId: session.id }), {
        version: session.version,
        status: "held",
      }),
    );
  }
  return asCourse(await who.get(endpointPath(endpoints.courses.get, { courseId })));
}

/** Records an outreach attempt (an hour ago, by phone, no answer) and returns the course. */
export async function outreachAttempted(who: Clinician, courseId: string, overrides: object = {}) {
  return asCourse(
    await who.post(endpointPath(endpoints.courses.recordOutreach, { courseId }), {
      // A second ago: an hour ago was yesterday in the first hour of a day, before the flag it answers.
      attemptedAt: new Date(Date.now() - 1_000).toISOString(),
      method: "phone",
      outcome: "no_answer",
      ...overrides,
    }),
    201,
  );
}
