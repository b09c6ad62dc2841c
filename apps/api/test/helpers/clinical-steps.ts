// Test fixtures for the clinical integration tests: a signed-in therapist who calls the API through
// app.inject(), and helpers that build a client and a course step by step. Imported by tests only.
import {
  clientDetail,
  courseDetail,
  type ClientDetail,
  type ContractRequest,
  type CourseDetail,
  type CreateClientRequest,
  type CreateCourseRequest,
} from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import type { App } from "../../src/app";
import type { PrismaClient } from "../../src/db/prisma";
import { createAccount, signIn, type SignedIn } from "./app";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Clinician {
  id: string;
  email: string;
  session: SignedIn;
  call(method: Method, url: string, payload?: object): Promise<LightMyRequestResponse>;
}

/** A fresh signed-in account (a therapist unless told otherwise). */
export async function signedInAs(
  app: App,
  prisma: PrismaClient,
  role: "therapist" | "supervisor" | "admin" = "therapist",
): Promise<Clinician> {
  const account = await createAccount(prisma, { role });
  const session = await signIn(app, account.email);
  return {
    id: account.id,
    email: account.email,
    session,
    call: (method, url, payload) =>
      app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) }),
  };
}

function expectStatus(response: LightMyRequestResponse, status: number) {
  if (response.statusCode !== status) {
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  }
  return response.json<unknown>();
}

export async function newClient(who: Clinician, overrides: Partial<CreateClientRequest> = {}) {
  const response = await who.call("POST", "/api/clients", {
    displayName: "Client A",
    referralReason: "Low mood since moving city",
    workingDiagnosis: "Major depressive episode",
    ...overrides,
  });
  return clientDetail.parse(expectStatus(response, 201));
}

export async function newCourse(
  who: Clinician,
  clientId: string,
  body: CreateCourseRequest = { format: "standard", lineage: "weissman" },
) {
  return courseDetail.parse(
    expectStatus(await who.call("POST", `/api/clients/${clientId}/courses`, body), 201),
  );
}

/** PUT/PATCH/POST on a course URL that answers the updated course. */
export async function courseWrite(
  who: Clinician,
  method: Method,
  url: string,
  body: Record<string, unknown>,
): Promise<CourseDetail> {
  return courseDetail.parse(expectStatus(await who.call(method, url, body), 200));
}

export async function addPerson(who: Clinician, clientId: string, label = "Partner") {
  const response = await who.call("POST", `/api/clients/${clientId}/inventory/people`, {
    label,
    relationship: "partner",
    ring: "inner",
  });
  return expectStatus(response, 201) as { id: string; version: number };
}

export async function addLifeEvent(
  who: Clinician,
  clientId: string,
  kind: "death" | "dispute" | "transition" | "other",
  occurredOn = "2025-06-01",
) {
  const response = await who.call("POST", `/api/clients/${clientId}/inventory/events`, {
    occurredOn,
    kind,
    description: "An event",
  });
  return expectStatus(response, 201) as { id: string; version: number };
}

export const contract = (version: number, overrides: Partial<ContractRequest> = {}): ContractRequest => ({
  version,
  plannedSessions: 12,
  frequency: "weekly",
  sessionMinutes: 50,
  startDate: "2026-01-05",
  terminationLead: 3,
  missedSessionPolicy: "A missed session is not replaced unless agreed in advance.",
  agreedOn: "2026-01-05",
  ...overrides,
});

/** The initial-phase steps, by the gap item each one closes. */
export const initialSteps = {
  diagnosis_named: (who: Clinician, course: CourseDetail) =>
    courseWrite(who, "PATCH", `/api/courses/${course.id}/initial-tasks`, {
      version: course.version,
      diagnosisNamed: true,
    }),
  sick_role: (who: Clinician, course: CourseDetail) =>
    courseWrite(who, "PATCH", `/api/courses/${course.id}/initial-tasks`, {
      version: course.version,
      sickRoleGiven: true,
    }),
  inventory: async (who: Clinician, course: CourseDetail) => {
    await addPerson(who, course.client.id);
    return course;
  },
  problem_area: (who: Clinician, course: CourseDetail) =>
    courseWrite(who, "PUT", `/api/courses/${course.id}/problem-area`, {
      version: course.version,
      primaryArea: "role_transition",
    }),
  formulation_agreed: (who: Clinician, course: CourseDetail) =>
    courseWrite(who, "PUT", `/api/courses/${course.id}/formulation`, {
      version: course.version,
      formulation: "The depression began with the move and the loss of the old role.",
      agreedOn: "2026-01-12",
    }),
  contract: (who: Clinician, course: CourseDetail) =>
    courseWrite(who, "PUT", `/api/courses/${course.id}/contract`, contract(course.version)),
} satisfies Record<string, (who: Clinician, course: CourseDetail) => Promise<CourseDetail>>;

export type InitialStep = keyof typeof initialSteps;
export const initialStepNames = Object.keys(initialSteps) as InitialStep[];

/** Runs the named initial-phase steps in order and returns the course after the last. */
export async function completeSteps(who: Clinician, course: CourseDetail, steps = initialStepNames) {
  let current = course;
  for (const step of steps) current = await initialSteps[step](who, current);
  return courseDetail.parse(expectStatus(await who.call("GET", `/api/courses/${course.id}`), 200));
}

/** A client with a course whose initial phase is complete (not yet moved to the middle phase). */
export async function courseReadyForMiddle(who: Clinician, client?: ClientDetail) {
  const owner = client ?? (await newClient(who));
  return completeSteps(who, await newCourse(who, owner.id));
}

/** A course in the middle phase with a 12-session plan. */
export async function courseInMiddlePhase(who: Clinician) {
  const course = await courseReadyForMiddle(who);
  return courseWrite(who, "POST", `/api/courses/${course.id}/middle-phase`, { version: course.version });
}
