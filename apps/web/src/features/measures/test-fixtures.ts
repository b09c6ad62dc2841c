// Invented course data for the feature's unit tests, built with the shared rules so the outcome,
// schedule and alerts agree with the scores as the API's would.
import {
  bandOf,
  courseMeasures,
  courseOutcomeOf,
  defaultMeasurementSettings,
  measureFlags,
  measurementSchedule,
  type CourseMeasures,
  type Instrument,
  type MeasureScore,
  type RiskFlagDetail,
  type SafetyFollowUp,
} from "@ipt/shared";

export const COURSE_ID = "0b8f3c2a-4d5e-4f60-8a7b-1c2d3e4f5a6b";
const THERAPIST = {
  id: "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10",
  name: "Tess Marlowe",
  email: "tess@example.org",
};

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const sessionIdOf = (number: number) => uuid(100 + number);

const phaseOf = (number: number) => (number <= 3 ? "initial" : number <= 10 ? "middle" : "termination");

export function score(
  id: number,
  instrument: Instrument,
  sessionNumber: number,
  total: number,
  extra: Partial<MeasureScore> = {},
): MeasureScore {
  return {
    id: uuid(id),
    instrument,
    sessionId: sessionIdOf(sessionNumber),
    sessionNumber,
    items: [],
    total,
    band: bandOf(instrument, total),
    difficulty: null,
    administeredOn: `2026-0${Math.min(9, Math.ceil(sessionNumber / 4) + 1)}-1${sessionNumber % 10}`,
    enteredAt: `2026-09-01T10:${String(id).padStart(2, "0")}:00.000Z`,
    enteredBy: THERAPIST,
    correctsId: null,
    correctionReason: null,
    current: true,
    completedByClientAt: null,
    ...extra,
  };
}

export function followUp(extra: Partial<SafetyFollowUp> = {}): SafetyFollowUp {
  return {
    id: uuid(900),
    riskAssessed: true,
    riskLevel: "low",
    actionsTaken: "Invented: asked about thoughts and plans.",
    safetyPlan: "made",
    supervisorInformed: true,
    supervisor: null,
    followedUpAt: "2026-09-01T11:00:00.000Z",
    recordedBy: THERAPIST,
    createdAt: "2026-09-01T11:05:00.000Z",
    ...extra,
  };
}

export function riskFlag(extra: Partial<RiskFlagDetail> = {}): RiskFlagDetail {
  return {
    id: uuid(500),
    courseId: COURSE_ID,
    sessionId: sessionIdOf(1),
    sessionNumber: 1,
    scoreId: uuid(1),
    itemValue: 1,
    raisedAt: "2026-09-01T10:01:00.000Z",
    resolvedAt: null,
    resolvedBy: null,
    resolutionReason: null,
    version: 1,
    followUps: [],
    escalation: { reasons: [], awaitingAcknowledgement: false, acknowledgedAt: null, acknowledgedBy: null },
    ...extra,
  };
}

/** A 12-session course with the given scores and risk flags; held up to `heldUpTo`. */
export function courseWith(
  scores: MeasureScore[],
  riskFlags: RiskFlagDetail[] = [],
  heldUpTo = 8,
  canWrite = true,
): CourseMeasures {
  const sessions = Array.from({ length: 12 }, (_, index) => ({
    id: sessionIdOf(index + 1),
    number: index + 1,
    plannedDate: `2026-09-${String(index + 1).padStart(2, "0")}`,
    phase: phaseOf(index + 1),
    status: index + 1 <= heldUpTo ? "held" : "planned",
  })) as CourseMeasures["sessions"];
  const seriesOf = (instrument: Instrument) =>
    scores
      .filter((entry) => entry.current && entry.instrument === instrument)
      .map((entry) => ({ sessionNumber: entry.sessionNumber ?? 0, total: entry.total }))
      .sort((a, b) => a.sessionNumber - b.sessionNumber);
  const series = { phq9: seriesOf("phq9"), gad7: seriesOf("gad7"), hamd17: seriesOf("hamd17") };
  const settings = defaultMeasurementSettings;
  const outcome = courseOutcomeOf(series);
  const input = { plannedSessions: 12, sessions, series, settings };
  const open = riskFlags.filter((flag) => !flag.resolvedAt && flag.followUps.length === 0);
  return courseMeasures.parse({
    courseId: COURSE_ID,
    client: { id: uuid(2), displayName: "Client T-1 (invented)" },
    therapist: THERAPIST,
    format: "standard",
    phase: "middle",
    plannedSessions: 12,
    sessions,
    scores,
    summary: {
      latestPhq9: null,
      latestGad7: null,
      phq9Change: null,
      phq9ReductionPercent: null,
      status: outcome.status,
      statusLabel: outcome.statusLabel,
      openRiskFlags: riskFlags.filter((flag) => !flag.resolvedAt).length,
    },
    outcome,
    schedule: measurementSchedule(input),
    flags: measureFlags({
      ...input,
      openRiskFlags: open.map((flag) => ({ sessionNumber: flag.sessionNumber, itemValue: flag.itemValue })),
    }),
    riskFlags,
    settings,
    canWrite,
  });
}
