// Invented cockpit rows, supervisee summaries and supervised records for the feature's unit tests,
// parsed with the shared contracts so they have the shape the API sends.
import { cockpitRow, therapistSummary, type CockpitRow, type TherapistSummary } from "@ipt/shared";

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

// The course and session records are shared with other features' tests.
export { COURSE_ID, courseOf as course, sessionOf as session } from "../../test/fixtures";
