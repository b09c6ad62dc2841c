// Invented records for the feature's unit tests, parsed with the shared schemas so they have the
// shape the API sends.
import {
  courseDetail,
  courseFidelity,
  fidelityItemKeys,
  fidelityRating,
  sessionDetail,
  type CourseDetail,
  type CourseFidelity,
  type FidelityRating,
  type FidelityScores,
  type SessionDetail,
  type SessionFidelity,
} from "@ipt/shared";
import { sessionWhenOn } from "../../test/session-when";

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const COURSE_ID = uuid(1);
export const sessionIdOf = (number: number) => uuid(100 + number);

export const THERAPIST = { id: uuid(2), name: "Tess Marlowe", email: "tess@example.org" };
export const SUPERVISOR = { id: uuid(3), name: "Sam Okafor", email: "sam@example.org" };
export const OTHER_SUPERVISOR = { id: uuid(4), name: "Ravi Lund", email: "ravi@example.org" };

/** Every item rated `value`, with `patch` on top. */
export function scores(value: number | null, patch: Partial<FidelityScores> = {}): FidelityScores {
  return { ...(Object.fromEntries(fidelityItemKeys.map((key) => [key, value])) as FidelityScores), ...patch };
}

export function rating(
  rater: typeof THERAPIST,
  raterRole: "self" | "supervisor",
  ratingScores: FidelityScores,
  extra: Partial<FidelityRating> = {},
): FidelityRating {
  const rated = Object.values(ratingScores).filter((v): v is number => v !== null);
  return fidelityRating.parse({
    id: uuid(rater === THERAPIST ? 700 : rater === SUPERVISOR ? 800 : 900),
    sessionId: sessionIdOf(2),
    rater,
    raterRole,
    scores: ratingScores,
    average: rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 100) / 100 : null,
    comment: "",
    version: 1,
    updatedAt: "2026-09-10T10:00:00.000Z",
    ...extra,
  });
}

export function sessionFidelity(number: number, extra: Partial<SessionFidelity> = {}): SessionFidelity {
  return {
    sessionId: sessionIdOf(number),
    number,
    ...sessionWhenOn(`2026-09-${String(number).padStart(2, "0")}`),
    status: "held",
    selfRating: null,
    supervisorRatings: [],
    disagreements: [],
    sampled: false,
    reviewed: false,
    ...extra,
  };
}

export function fidelityOf(sessions: SessionFidelity[], extra: Partial<CourseFidelity> = {}): CourseFidelity {
  return courseFidelity.parse({
    courseId: COURSE_ID,
    therapist: THERAPIST,
    sessions,
    averages: { self: null, supervisor: null },
    passMark: 3,
    viewerRole: "supervisor",
    ...extra,
  });
}

/** A 12-session course in its middle phase, sessions 1–5 held and signed, session 6 cancelled. */
export function course(extra: Partial<CourseDetail> = {}): CourseDetail {
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
      version: 1,
    };
  });
  return courseDetail.parse({
    id: COURSE_ID,
    client: { id: uuid(5), displayName: "Client R-7 (invented)", workingDiagnosis: "Depression", version: 1 },
    sequence: 1,
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
    contractAgreedOn: "2026-09-15",
    missedSessionPolicy: "Invented: rebooked within the week.",
    templateVersion: "1",
    middleStartedAt: "2026-09-20T10:00:00.000Z",
    terminationRaisedAt: null,
    termination: {
      progressReviewed: false,
      gainsCredited: false,
      feelingsDiscussed: false,
      relapsePlan: null,
      nextStep: null,
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
    ...extra,
  });
}

/** Session 2 of the course, held and signed, with one amendment. */
export function session(extra: Partial<SessionDetail> = {}): SessionDetail {
  return sessionDetail.parse({
    id: sessionIdOf(2),
    course: {
      id: COURSE_ID,
      clientId: uuid(5),
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
    signedAt: "2026-09-02T12:00:00.000Z",
    signedBy: THERAPIST,
    version: 4,
    amendments: [
      {
        id: uuid(600),
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
