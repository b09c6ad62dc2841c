// Invented cockpit rows, supervisee summaries and supervised records for the feature's unit tests,
// parsed with the shared contracts so they have the shape the API sends.
import {
  cockpitRow,
  courseDetail,
  sessionDetail,
  therapistSummary,
  type CockpitRow,
  type CourseDetail,
  type SessionDetail,
  type TherapistSummary,
} from "@ipt/shared";

const uuid = (n: number) => `7d3a1c2e-5b4f-4a6d-9e8c-${String(n).padStart(12, "0")}`;

export const THERAPIST_A = { id: uuid(1), name: "Therapist A (invented)", email: "a@example.test" };
export const THERAPIST_B = { id: uuid(2), name: "Therapist B (invented)", email: "b@example.test" };

const noScores = {
  latestPhq9: null,
  latestGad7: null,
  phq9Change: null,
  phq9ReductionPercent: null,
  status: "no_scores",
  statusLabel: "No scores yet",
  openRiskFlags: 0,
};

/** A client in the middle phase with nothing overdue and no flags; `n` makes the ids unique. */
export function cockpitRowOf(n: number, overrides: Partial<CockpitRow> = {}): CockpitRow {
  return cockpitRow.parse({
    client: { id: uuid(100 + n), displayName: `Client ${n} (invented)` },
    therapist: THERAPIST_A,
    course: {
      id: uuid(200 + n),
      format: "standard",
      phase: "middle",
      sessionsHeld: 5,
      plannedSessions: 12,
    },
    measures: noScores,
    risk: false,
    nonResponse: false,
    overdue: { measures: false, unsignedSessions: 0, terminationNotRaised: false },
    flags: [],
    lastActivityAt: "2026-03-02T10:00:00.000Z",
    ...overrides,
  });
}

/** An open risk flag (item 9 above 0) with overdue measures and 2 unsigned sessions. */
export const riskRow = cockpitRowOf(1, {
  therapist: THERAPIST_B,
  measures: {
    latestPhq9: {
      total: 18,
      sessionNumber: 4,
      band: { key: "moderately_severe", label: "Moderately severe" },
    },
    latestGad7: null,
    phq9Change: 2,
    phq9ReductionPercent: -12.5,
    status: "non_response",
    statusLabel: "No response",
    openRiskFlags: 1,
  },
  risk: true,
  overdue: { measures: true, unsignedSessions: 2, terminationNotRaised: false },
  flags: [
    { code: "risk_item9", severity: "red", message: "Item 9 above 0.", sources: ["S25l"] },
    { code: "measures_overdue", severity: "amber", message: "Measures are overdue.", sources: ["S12b"] },
  ],
});

/** Not responding at session 4, one session unsigned and the ending not raised. */
export const nonResponseRow = cockpitRowOf(2, {
  course: {
    id: uuid(202),
    format: "ipt_b",
    phase: "middle",
    sessionsHeld: 7,
    plannedSessions: 9,
  },
  measures: {
    latestPhq9: { total: 14, sessionNumber: 4, band: { key: "moderate", label: "Moderate" } },
    latestGad7: null,
    phq9Change: -2,
    phq9ReductionPercent: 12.5,
    status: "non_response",
    statusLabel: "No response",
    openRiskFlags: 0,
  },
  nonResponse: true,
  overdue: { measures: false, unsignedSessions: 1, terminationNotRaised: true },
  flags: [
    { code: "early_non_response", severity: "amber", message: "Under 20% lower.", sources: ["S25k"] },
    { code: "termination_not_raised", severity: "amber", message: "Raise the ending.", sources: ["S4"] },
  ],
});

/** Nothing to act on, and no activity recorded yet. */
export const quietRow = cockpitRowOf(3, {
  course: { id: uuid(203), format: "standard", phase: "initial", sessionsHeld: 0, plannedSessions: 16 },
  lastActivityAt: null,
});

export function summaryOf(overrides: Partial<TherapistSummary> = {}): TherapistSummary {
  return therapistSummary.parse({
    therapist: THERAPIST_A,
    activeClients: 4,
    measuredCourses: 4,
    responseShare: 0.5,
    remissionShare: 0.25,
    openRiskFlags: 0,
    overdueItems: 0,
    fidelityAverage: 3.4,
    fidelityRatings: 5,
    ...overrides,
  });
}

const recordUuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const COURSE_ID = recordUuid(1);
const sessionIdOf = (number: number) => recordUuid(100 + number);
const THERAPIST = { id: recordUuid(2), name: "Tess Marlowe", email: "tess@example.org" };

/** A 12-session course in its middle phase, sessions 1–5 held and signed, session 6 cancelled. */
export function course(extra: Partial<CourseDetail> = {}): CourseDetail {
  const sessions = Array.from({ length: 13 }, (_, index) => {
    const cancelled = index === 5;
    const number = cancelled ? null : index < 5 ? index + 1 : index;
    return {
      id: sessionIdOf(cancelled ? 99 : (number ?? 0)),
      number,
      plannedDate: `2026-09-${String(index + 1).padStart(2, "0")}`,
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
    client: {
      id: recordUuid(5),
      displayName: "Client R-7 (invented)",
      workingDiagnosis: "Depression",
      version: 1,
    },
    sequence: 1,
    format: "standard",
    lineage: "weissman",
    phase: "middle",
    plannedSessions: 12,
    frequency: "weekly",
    startDate: "2026-09-01",
    sessionMinutes: 50,
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
      clientId: recordUuid(5),
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
    plannedDate: "2026-09-02",
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
        id: recordUuid(600),
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
