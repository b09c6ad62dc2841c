// The simulated users: therapists who read their caseload, courses, sessions and scores and write
// (new clients with an Idempotency-Key, sometimes retried; inventory people; session notes; a session
// marked held with its PHQ-9), and supervisors who read their cockpit and supervisees' courses. Each
// user works through its own records one request at a time, as one browser tab would, so no write
// meets another's version and every answer but 2xx is an error.
import { endpointKey, endpointPath, endpoints, IDEMPOTENCY_KEY_HEADER, weekdayOf } from "@ipt/shared";
import { randomUUID } from "node:crypto";
import { expectOk, retryUnavailable, sleep, type ApiResponse, type ApiSession } from "../harness";
import type { Ledger } from "./ledger";
import { required } from "../../src/errors/required";

interface PlannedSession {
  id: string;
  version: number;
}

export interface TherapistState {
  id: string;
  session: ApiSession;
  clientIds: string[];
  courseId: string;
  sessions: PlannedSession[];
  /** The next planned session to mark held (the plan is in the past, so each may be). */
  nextToHold: number;
}

interface CourseBody {
  id: string;
  sessions: { id: string; version: number; number: number | null }[];
}

const { caseload, clients, courses, inventory, measures, sessions, supervision } = endpoints;
const invented = { referralReason: "Invented: low mood.", workingDiagnosis: "Major depressive episode" };
/** A PHQ-9 of 3 with item 9 (self-harm) at 0, so no risk flag is raised. */
const PHQ9 = [1, 1, 1, 0, 0, 0, 0, 0, 0];

/**
 * Set-up (not measured, so a 503 is waited out): a client with a 12-session course whose plan lies
 * in the past, so every session may be marked held.
 */
export async function prepareTherapist(id: string, session: ApiSession, startDate: string) {
  const client = expectOk(
    await retryUnavailable(() =>
      session.post<{ id: string }>(endpointPath(clients.create), {
        displayName: "Load client (invented)",
        ...invented,
      }),
    ),
    "creating a client",
  );
  const opened = expectOk(
    await retryUnavailable(() =>
      session.post<CourseBody>(endpointPath(courses.start, { clientId: client.id }), {
        format: "standard",
        lineage: "weissman",
        startDate,
      }),
    ),
    "opening a course",
  );
  const course = expectOk(
    await retryUnavailable(() =>
      session.put<CourseBody>(endpointPath(courses.setContract, { courseId: opened.id }), {
        weekday: weekdayOf(startDate),
        startTime: "09:00",
        version: 1,
        plannedSessions: 12,
        frequency: "weekly",
        sessionMinutes: 50,
        startDate,
        terminationLead: 2,
        missedSessionPolicy: "Invented: re-planned at the end.",
        agreedOn: startDate,
      }),
    ),
    "agreeing the contract",
  );
  const sessions = course.sessions
    .filter((s) => s.number !== null)
    .sort((a, b) => (a.number ?? 0) - (b.number ?? 0))
    .map(({ id: sessionId, version }) => ({ id: sessionId, version }));
  return { id, session, clientIds: [client.id], courseId: course.id, sessions, nextToHold: 0 };
}

type Action = (random: () => number) => Promise<void>;

/** Sends one request and records it; the 2xx response, or null after an error (already counted). */
async function call<T>(ledger: Ledger, route: string, request: Promise<ApiResponse<T>>) {
  try {
    const response = await request;
    return ledger.saw(route, response) ? response : null;
  } catch (error) {
    ledger.failed(route, error);
    return null;
  }
}

const pick = <T>(random: () => number, items: T[]): T =>
  required(items[Math.floor(random() * items.length)], "an item of a non-empty list");

function therapistActions(user: TherapistState, ledger: Ledger): [number, Action][] {
  const s = user.session;
  let made = 0;
  const editNotes: Action = async (random) => {
    const session = pick(random, user.sessions);
    made += 1;
    const edited = await call(
      ledger,
      endpointKey(sessions.update),
      s.patch<PlannedSession>(endpointPath(sessions.update, { sessionId: session.id }), {
        version: session.version,
        notes: `Invented note ${made}.`,
      }),
    );
    if (!edited) return;
    session.version = edited.body.version;
    ledger.write("session edits", session.id);
  };
  return [
    [
      15,
      async () => {
        await call(ledger, endpointKey(caseload.list), s.get(endpointPath(caseload.list)));
      },
    ],
    [
      15,
      async () => {
        await call(
          ledger,
          endpointKey(courses.get),
          s.get(endpointPath(courses.get, { courseId: user.courseId })),
        );
      },
    ],
    [
      10,
      async (random) => {
        await call(
          ledger,
          endpointKey(sessions.get),
          s.get(endpointPath(sessions.get, { sessionId: pick(random, user.sessions).id })),
        );
      },
    ],
    [
      10,
      async () => {
        await call(
          ledger,
          endpointKey(measures.get),
          s.get(endpointPath(measures.get, { courseId: user.courseId })),
        );
      },
    ],
    [
      5,
      async (random) => {
        await call(
          ledger,
          endpointKey(clients.get),
          s.get(endpointPath(clients.get, { clientId: pick(random, user.clientIds) })),
        );
      },
    ],
    [
      10,
      async (random) => {
        made += 1;
        const body = { displayName: `Load client ${made} (invented)`, ...invented };
        const headers = { [IDEMPOTENCY_KEY_HEADER]: randomUUID() };
        const created = await call(
          ledger,
          endpointKey(clients.create),
          s.post<{ id: string }>(endpointPath(clients.create), body, headers),
        );
        if (!created) return;
        ledger.write("clients", user.id);
        user.clientIds.push(created.body.id);
        // A client that lost the answer retries with the same key: one row, the same answer.
        if (random() < 0.2) {
          ledger.replays += 1;
          const replayed = await call(
            ledger,
            `${endpointKey(clients.create)} (replay)`,
            s.post<{ id: string }>(endpointPath(clients.create), body, headers),
          );
          if (replayed && replayed.body.id !== created.body.id) ledger.replayMismatches += 1;
        }
      },
    ],
    [
      10,
      async (random) => {
        const clientId = pick(random, user.clientIds);
        const added = await call(
          ledger,
          endpointKey(inventory.addPerson),
          s.post(endpointPath(inventory.addPerson, { clientId }), {
            label: "Friend (invented)",
            relationship: "friend",
            ring: "middle",
          }),
        );
        if (added) ledger.write("inventory people", clientId);
      },
    ],
    [15, editNotes],
    [
      10,
      async (random) => {
        const session = user.sessions[user.nextToHold];
        if (!session) return editNotes(random);
        user.nextToHold += 1;
        const held = await call(
          ledger,
          `${endpointKey(sessions.update)} (held)`,
          s.patch<PlannedSession>(endpointPath(sessions.update, { sessionId: session.id }), {
            version: session.version,
            status: "held",
          }),
        );
        if (!held) return;
        session.version = held.body.version;
        ledger.write("session edits", session.id);
        const scored = await call(
          ledger,
          endpointKey(measures.record),
          s.post(endpointPath(measures.record, { courseId: user.courseId }), {
            sessionId: session.id,
            instrument: "phq9",
            items: PHQ9,
          }),
        );
        if (scored) ledger.write("measure scores", user.courseId);
      },
    ],
  ];
}

function supervisorActions(
  session: ApiSession,
  superviseeCourses: string[],
  ledger: Ledger,
): [number, Action][] {
  return [
    [
      30,
      async () => {
        await call(ledger, endpointKey(supervision.cockpit), session.get(endpointPath(supervision.cockpit)));
      },
    ],
    [
      20,
      async () => {
        await call(
          ledger,
          endpointKey(supervision.therapistSummaries),
          session.get(endpointPath(supervision.therapistSummaries)),
        );
      },
    ],
    [
      30,
      async (random) => {
        await call(
          ledger,
          endpointKey(courses.get),
          session.get(endpointPath(courses.get, { courseId: pick(random, superviseeCourses) })),
        );
      },
    ],
    [
      20,
      async (random) => {
        await call(
          ledger,
          endpointKey(measures.get),
          session.get(endpointPath(measures.get, { courseId: pick(random, superviseeCourses) })),
        );
      },
    ],
  ];
}

function weighted(actions: [number, Action][], random: () => number): Action {
  const total = actions.reduce((sum, [weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [weight, action] of actions) {
    roll -= weight;
    if (roll < 0) return action;
  }
  return required(actions.at(-1), "an action")[1]; // rounding left the roll at the very end
}

/** One user's loop until `deadline` (ms since the epoch): an action, then a think time around thinkMs. */
async function loop(actions: [number, Action][], random: () => number, deadline: number, thinkMs: number) {
  while (Date.now() < deadline) {
    await weighted(actions, random)(random);
    if (thinkMs > 0) await sleep(thinkMs * (0.5 + random()));
  }
}

export const therapistLoop = (
  user: TherapistState,
  ledger: Ledger,
  random: () => number,
  deadline: number,
  thinkMs: number,
) => loop(therapistActions(user, ledger), random, deadline, thinkMs);

export const supervisorLoop = (
  session: ApiSession,
  superviseeCourses: string[],
  ledger: Ledger,
  random: () => number,
  deadline: number,
  thinkMs: number,
) => loop(supervisorActions(session, superviseeCourses, ledger), random, deadline, thinkMs);
