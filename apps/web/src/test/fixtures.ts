// Invented records shared by component tests in more than one feature, parsed with the shared
// schemas so they have the shape the API sends. Feature-only records live in the feature's
// test-fixtures.ts.
import {
  clientDetail,
  courseDetail,
  riskReviewOf,
  sessionDetail,
  sessionResponse,
  type ClientDetail,
  type CourseDetail,
  type Role,
  type SessionDetail,
  type SessionResponse,
} from "@ipt/shared";
import { sessionWhenOn } from "./session-when";

export const testId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** The signed-in session of an invented user with `role`. */
export function signedInAs(
  role: Role,
  patch: Partial<SessionResponse["user"]> = {},
  session: Partial<Pick<SessionResponse, "secondFactorPending" | "enrolmentRequired" | "factorsReset">> = {},
): SessionResponse {
  return sessionResponse.parse({
    user: {
      id: testId(9001),
      email: `${role}@example.test`,
      name: `Invented ${role}`,
      role,
      mustChangePassword: false,
      ...patch,
    },
    csrfToken: "csrf-test-token",
    idleTimeoutSeconds: 1800,
    absoluteExpiresAt: "2026-12-31T23:00:00.000Z",
    timeZone: "Europe/London",
    secondFactorPending: false,
    enrolmentRequired: false,
    factorsReset: false,
    ...session,
  });
}

export const COURSE_ID = testId(1);
export const sessionIdOf = (number: number) => testId(100 + number);
export const THERAPIST = { id: testId(2), name: "Tess Marlowe", email: "tess@example.org" };

/** A 12-session course in its middle phase, sessions 1–5 held and signed, session 6 cancelled. */
export function courseOf(extra: Partial<CourseDetail> = {}): CourseDetail {
  const sessions = Array.from({ length: 13 }, (_, index) => {
    const cancelled = index === 5;
    const number = cancelled ? null : index < 5 ? index + 1 : index;
    return {
      id: sessionIdOf(cancelled ? 99 : (number ?? 0)),
      number,
      ...sessionWhenOn(`2026-09-${String(index + 1).padStart(2, "0")}`),
      phase: index < 3 ? "initial" : "middle",
      slot: null,
      status: cancelled ? "cancelled" : index < 5 ? "held" : "planned",
      signed: index < 5,
      agendaDone: index < 5 ? 4 : 0,
      agendaTotal: 4,
      parentAttendance: null,
      version: 1,
    };
  });
  return courseDetail.parse({
    id: COURSE_ID,
    client: {
      id: testId(5),
      displayName: "Client R-7 (invented)",
      workingDiagnosis: "Depression",
      version: 1,
    },
    sequence: 1,
    kind: "acute",
    acuteCourse: null,
    maintenanceCourses: [],
    format: "standard",
    lineage: "weissman",
    phase: "middle",
    plannedSessions: 12,
    frequency: "weekly",
    startDate: "2026-09-01",
    sessionMinutes: 50,
    sessionWeekday: 2,
    sessionTime: "09:00",
    terminationLead: 2,
    terminationStartNumber: 10,
    diagnosisNamed: true,
    sickRoleGiven: true,
    primaryArea: "role_transition",
    secondaryArea: null,
    disputeStage: null,
    sensitivityModifier: false,
    formulation: "Invented: low mood since the move to a new city.",
    formulationAgreedOn: "2026-09-15",
    episodeOnsetOn: null,
    griefTasks: {
      deathEvents: null,
      relationshipPositive: null,
      relationshipNegative: null,
      avoidedGrief: null,
    },
    contractAgreedOn: "2026-09-15",
    missedSessionPolicy: "Invented: rebooked within the week.",
    templateVersion: "1",
    middleStartedAt: "2026-09-20T10:00:00.000Z",
    terminationRaisedAt: null,
    terminationEarlyReason: null,
    termination: {
      progressReviewed: false,
      gainsCredited: false,
      feelingsDiscussed: false,
      relapsePlan: null,
      relapseWarningSigns: null,
      relapseWhatHelped: null,
      relapsePeople: null,
      nextStep: null,
      noFinalScoreReason: null,
      nonResponseOffer: null,
      finalScoreRecorded: true,
      nonResponding: false,
    },
    outcome: null,
    outcomeReason: null,
    endedOn: null,
    version: 3,
    initialPhaseGaps: [],
    warnings: [],
    flags: [],
    measures: {
      latestPhq9: { total: 9, sessionNumber: 4, band: { key: "mild", label: "Mild" } },
      latestGad7: null,
      phq9Change: -7,
      phq9ReductionPercent: 43.8,
      status: "partial_response",
      statusLabel: "Partial response",
      openRiskFlags: 0,
    },
    sessions,
    nextSession: null,
    problemAreaChanges: [],
    planChanges: [],
    outreach: {
      riskRecent: false,
      twoNoShows: false,
      since: null,
      recorded: false,
      neededToDiscontinue: false,
      neededToClose: false,
      sources: ["S25l", "S25m"],
      synthesisNote: "Invented note.",
      attempts: [],
    },
    ...extra,
  });
}

/** Session 2 of the course, held and signed, with one amendment. */
export function sessionOf(extra: Partial<SessionDetail> = {}): SessionDetail {
  return sessionDetail.parse({
    id: sessionIdOf(2),
    course: {
      id: COURSE_ID,
      clientId: testId(5),
      clientName: "Client R-7 (invented)",
      format: "standard",
      lineage: "weissman",
      phase: "middle",
      plannedSessions: 12,
      primaryArea: "role_transition",
      disputeStage: null,
      sensitivityModifier: false,
    },
    number: 2,
    ...sessionWhenOn("2026-09-02"),
    phase: "initial",
    slot: "initial-2",
    status: "held",
    agenda: [
      { key: "a.one", text: "Review the inventory.", kind: "phase_task", sources: ["S7"], done: true },
      { key: "a.two", text: "Agree the time limit.", kind: "phase_task", sources: ["S4"], done: false },
    ],
    techniques: ["clarification"],
    incident: "Invented: an argument with a flatmate.",
    notes: "Invented: engaged well.",
    betweenSessionWork: "Invented: call a friend.",
    nextFocus: "Invented: the new job.",
    cancelReason: null,
    riskReview: riskReviewOf({ required: false, done: false, note: "" }),
    parentAttendance: null,
    signedAt: "2026-09-02T12:00:00.000Z",
    signedBy: THERAPIST,
    version: 4,
    amendments: [
      {
        id: testId(600),
        reason: "Invented: wrong date in the notes.",
        text: "Invented: the argument was on Monday.",
        createdAt: "2026-09-03T09:00:00.000Z",
        author: THERAPIST,
      },
    ],
    scores: [],
    riskFlags: [],
    ...extra,
  });
}

export const CLIENT_ID = testId(5);

/** The client of `courseOf()`, with that one course. */
export function clientOf(extra: Partial<ClientDetail> = {}): ClientDetail {
  return clientDetail.parse({
    id: CLIENT_ID,
    displayName: "Client R-7 (invented)",
    yearOfBirth: 1990,
    email: null,
    referralReason: "Invented: low mood after a move.",
    workingDiagnosis: "Depression",
    status: "active",
    version: 2,
    createdAt: "2026-08-20T10:00:00.000Z",
    updatedAt: "2026-08-20T10:00:00.000Z",
    courses: [
      {
        id: COURSE_ID,
        sequence: 1,
        format: "standard",
        phase: "middle",
        plannedSessions: 12,
        startDate: "2026-09-01",
        outcome: null,
      },
    ],
    ...extra,
  });
}
