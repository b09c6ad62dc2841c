// Clinical set-up through the API, for specs whose story starts in the middle of a course: the same
// requests the set-up pages send, made as the therapist, so the browser part stays on what is tested.
import {
  endpointKey,
  endpointPath,
  endpoints,
  type Endpoint,
  type EndpointInput,
  type EndpointPathArgs,
  type EndpointResponse,
  type CourseFormat,
  weekdayOf,
} from "@ipt/shared";
import { request } from "@playwright/test";
import type { Account } from "./accounts";

/** The input may be left out when the endpoint needs none. */
type InputArgument<E extends Endpoint> =
  object extends EndpointInput<E> ? [input?: EndpointInput<E>] : [input: EndpointInput<E>];

export interface AccountApi {
  /** Calls an endpoint of the shared table as the account; throws unless it answers 2xx. */
  call<E extends Endpoint>(endpoint: E, ...[input]: InputArgument<E>): Promise<EndpointResponse<E>>;
  dispose(): Promise<void>;
}

/** The API as `account` (a therapist, or an admin for settings), signed in with their own password. */
export async function apiAs(baseURL: string, account: Account): Promise<AccountApi> {
  const login = await request.newContext({ baseURL });
  const response = await login.post(endpointPath(endpoints.auth.login), {
    data: { email: account.email, password: account.password },
  });
  if (!response.ok()) throw new Error(`sign-in as ${account.email} failed: ${response.status()}`);
  const { csrfToken } = endpoints.auth.login.response.parse(await response.json());
  const state = await login.storageState();
  await login.dispose();
  const context = await request.newContext({
    baseURL,
    storageState: state,
    extraHTTPHeaders: { "x-csrf-token": csrfToken },
  });
  return {
    async call<E extends Endpoint>(endpoint: E, ...[input]: InputArgument<E>) {
      // Read in their widest shape: the signature already tied the input to E.
      const { params, query, body } = (input ?? {}) as { params?: unknown; query?: unknown; body?: unknown };
      const url = endpointPath(endpoint, ...([params, query] as EndpointPathArgs<E>));
      const answer = await context.fetch(url, {
        method: endpoint.method,
        ...(body === undefined ? {} : { data: body }),
      });
      if (!answer.ok()) {
        throw new Error(`${endpointKey(endpoint)} failed: ${answer.status()} ${await answer.text()}`);
      }
      if (endpoint.status === 204) return undefined as EndpointResponse<E>;
      return endpoint.response.parse(await answer.json()) as EndpointResponse<E>;
    },
    dispose: () => context.dispose(),
  };
}

/**
 * A client with a weekly course (standard and 12 sessions unless told) from `startDate`, every
 * initial-phase task done and the plan generated (the course is still in the initial phase). All
 * text is invented.
 */
export async function clientWithCourse(
  api: AccountApi,
  displayName: string,
  startDate: string,
  { plannedSessions = 12, format = "standard" }: { plannedSessions?: number; format?: CourseFormat } = {},
) {
  const client = await api.call(endpoints.clients.create, {
    body: {
      displayName,
      referralReason: "Invented: low mood after a change of job.",
      workingDiagnosis: "Major depressive episode, moderate",
    },
  });
  const clientId = client.id;
  let course = await api.call(endpoints.courses.start, {
    params: { clientId },
    body: { format, lineage: "weissman", startDate },
  });
  const courseId = course.id;
  course = await api.call(endpoints.courses.updateInitialTasks, {
    params: { courseId },
    body: { version: course.version, diagnosisNamed: true, sickRoleGiven: true },
  });
  await api.call(endpoints.inventory.addPerson, {
    params: { clientId },
    body: { label: "Manager (invented)", relationship: "manager", ring: "middle" },
  });
  course = await api.call(endpoints.courses.setProblemArea, {
    params: { courseId },
    body: { version: course.version, primaryArea: "role_transition" },
  });
  course = await api.call(endpoints.courses.setFormulation, {
    params: { courseId },
    body: {
      version: course.version,
      formulation: "Invented: the depression began with the new role at work.",
      agreedOn: startDate,
    },
  });
  await api.call(endpoints.courses.setContract, {
    params: { courseId },
    body: {
      version: course.version,
      plannedSessions,
      frequency: "weekly",
      sessionMinutes: 50,
      startDate,
      weekday: weekdayOf(startDate),
      startTime: "09:00",
      terminationLead: 2,
      missedSessionPolicy: "Invented: a missed session is re-planned at the end.",
      agreedOn: startDate,
    },
  });
  return { clientId, courseId };
}

/** The session numbered `number` of a course, as read now. */
async function sessionNumbered(api: AccountApi, courseId: string, number: number) {
  const course = await api.call(endpoints.courses.get, { params: { courseId } });
  const session = course.sessions.find((s) => s.number === number);
  if (!session) throw new Error(`no session ${number}`);
  return session;
}

/** Marks session `number` held and records a PHQ-9 there through the API. */
export async function heldWithPhq9(api: AccountApi, courseId: string, number: number, items: number[]) {
  const session = await sessionNumbered(api, courseId, number);
  const sessionId = session.id;
  await api.call(endpoints.sessions.update, {
    params: { sessionId },
    body: { version: session.version, status: "held" },
  });
  await api.call(endpoints.measures.record, {
    params: { courseId },
    body: { sessionId, instrument: "phq9", items },
  });
}

/** Signs session `number` (held or no-show) through the API. */
export async function signSession(api: AccountApi, courseId: string, number: number) {
  const session = await sessionNumbered(api, courseId, number);
  await api.call(endpoints.sessions.sign, {
    params: { sessionId: session.id },
    body: { version: session.version },
  });
  return session.id;
}

/**
 * A client whose standard 12-session weekly course from `startDate` (at least 12 weeks ago) is completed
 * through the API: the middle phase begun, every session held, PHQ-9 16 at session 1 and 4 at session 12,
 * the ending raised and the termination checklist with its relapse-prevention plan written. Its end date
 * is the last session's.
 */
export async function clientWithCompletedCourse(api: AccountApi, displayName: string, startDate: string) {
  const { clientId, courseId } = await clientWithCourse(api, displayName, startDate);
  const current = () => api.call(endpoints.courses.get, { params: { courseId } });
  await api.call(endpoints.courses.beginMiddlePhase, {
    params: { courseId },
    body: { version: (await current()).version },
  });
  const phq9 = (total: number) =>
    Array.from({ length: 9 }, (_, index) => (index < total % 9 ? 1 : 0) + Math.floor(total / 9));
  for (let number = 1; number <= 12; number += 1) {
    if (number === 10) {
      await api.call(endpoints.courses.raiseEnding, {
        params: { courseId },
        body: { version: (await current()).version },
      });
      await api.call(endpoints.courses.updateTerminationChecklist, {
        params: { courseId },
        body: {
          version: (await current()).version,
          progressReviewed: true,
          gainsCredited: true,
          feelingsDiscussed: true,
          relapseWarningSigns: "Invented: sleeping badly for a week and cancelling plans with friends.",
          relapsePlan: "Invented: call the clinic and come back if it lasts two weeks.",
          nextStep: "maintenance_offered",
        },
      });
    }
    if (number === 1 || number === 12) {
      await heldWithPhq9(api, courseId, number, phq9(number === 1 ? 16 : 4));
    } else {
      const session = await sessionNumbered(api, courseId, number);
      await api.call(endpoints.sessions.update, {
        params: { sessionId: session.id },
        body: { version: session.version, status: "held" },
      });
    }
  }
  const last = await sessionNumbered(api, courseId, 12);
  await api.call(endpoints.courses.complete, {
    params: { courseId },
    body: { version: (await current()).version, outcome: "completed", endedOn: last.plannedDate },
  });
  return { clientId, courseId, endedOn: last.plannedDate };
}
