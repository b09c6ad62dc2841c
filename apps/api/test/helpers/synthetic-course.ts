// Invented courses in the export's source shape, generated with the shared plan rules (format presets
// and plan generation), for the FHIR mapping tests: some sessions held and signed, one cancelled,
// a PHQ-9 (with a risk flag), a GAD-7, a HAM-D-17 and a co-signature. Synthetic data only.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import {
  closenessRings,
  courseFormats,
  difficultyLevels,
  formatPresets,
  problemAreas,
  generatePlan,
  lifeEventKinds,
  lineagePresets,
  toDateColumn,
  type CourseFormat,
  type ProblemArea,
} from "@ipt/shared";
import type { ExportSource } from "../../src/fhir/export-source";

export interface SyntheticCourseInput {
  format: CourseFormat;
  area: ProblemArea;
  /** How many of the first sessions were held and signed (default 3). */
  held?: number;
  diagnosis?: string | null;
}

export function syntheticCourse({
  format,
  area,
  held = 3,
  diagnosis = "Major depressive disorder, single episode",
}: SyntheticCourseInput): ExportSource {
  const preset = formatPresets[format];
  const lineage = lineagePresets.weissman.problemAreas.includes(area) ? "weissman" : "stuart";
  const therapistId = randomUUID();
  const supervisorId = randomUUID();
  const plan = generatePlan({
    format,
    lineage,
    lead: 2,
    frequency: "weekly",
    primaryArea: area,
    disputeStage: area === "role_dispute" ? "renegotiation" : null,
    sensitivity: false,
    total: preset.defaultSessions,
    startDate: "2026-03-02",
    weekday: 1,
    startTime: "09:30",
    durationMinutes: preset.defaultSessionMinutes,
  });
  const sessions: ExportSource["sessions"] = plan.map((planned, index) => {
    const isHeld = index < held;
    const cancelled = index === held;
    return {
      id: randomUUID(),
      number: cancelled ? null : planned.number,
      createdOrder: index + 1,
      plannedDate: toDateColumn(planned.plannedDate),
      startTime: planned.startTime,
      durationMinutes: planned.durationMinutes,
      phase: planned.phase,
      slot: planned.slot,
      status: isHeld ? "held" : cancelled ? "cancelled" : "planned",
      agenda: planned.agenda,
      techniques: isHeld ? ["clarification", "communication_analysis"] : [],
      incident: isHeld ? "An invented incident." : "",
      notes: isHeld ? "Invented notes." : "",
      betweenSessionWork: "",
      nextFocus: isHeld ? "Invented next focus." : "",
      // Held sessions after the first answer the risk review (the flag is raised at session 2).
      riskReviewDone: isHeld && index > 1,
      riskReviewNote: isHeld && index > 1 ? "Invented: no current thoughts of self-harm." : "",
      // IPT-A: a parent joined the first session, had a part alone at the second (the round trip carries it).
      parentAttendance:
        format === "ipt_a" && isHeld ? ((["joint", "parent_only", "none"] as const)[index] ?? null) : null,
      cancelReason: cancelled ? "Invented reason." : null,
      signedAt: isHeld ? new Date(`${planned.plannedDate}T12:00:00Z`) : null,
      signedById: isHeld ? therapistId : null,
      amendments:
        index === 0
          ? [
              {
                reason: "Invented correction.",
                text: "Invented addendum.",
                createdAt: new Date("2026-03-05T12:00:00Z"),
              },
            ]
          : [],
    };
  });
  const people: ExportSource["client"]["people"] = [
    {
      id: randomUUID(),
      label: "Invented sister",
      relationship: "Sister",
      ring: "inner",
      positives: "Invented: listens.",
      negatives: "",
      expectations: "Invented: more visits.",
      changesNearOnset: "Invented: moved away.",
      support: "Invented: phones weekly.",
    },
    {
      id: randomUUID(),
      label: "Invented colleague",
      relationship: "Colleague",
      ring: "outer",
      positives: "",
      negatives: "Invented: criticises.",
      expectations: "",
      changesNearOnset: "",
      support: "",
    },
  ];
  const lifeEvents: ExportSource["client"]["lifeEvents"] = [
    {
      id: randomUUID(),
      personId: people[0]?.id ?? null,
      occurredOn: toDateColumn("2025-11-03"),
      kind: "transition",
      description: "Invented: sister moved abroad.",
    },
    {
      id: randomUUID(),
      personId: null,
      occurredOn: toDateColumn("2025-12-20"),
      kind: "other",
      description: "Invented: lost a job.",
    },
  ];
  const second = sessions[1] ?? sessions[0];
  if (!second) throw new Error("a plan has sessions");
  const phq9 = {
    id: randomUUID(),
    sessionId: second.id,
    instrument: "phq9" as const,
    items: [2, 2, 1, 1, 0, 2, 1, 0, 1],
    total: 10,
    difficulty: "very" as const,
    administeredOn: second.plannedDate,
    correctsId: null,
    correctionReason: null,
    enteredById: therapistId,
    enteredAt: new Date("2026-03-09T10:00:00Z"),
    // Filled in by the client on their phone, so the round trip carries it.
    completedByClientAt: new Date("2026-03-09T09:40:00Z"),
  };
  return {
    id: randomUUID(),
    sequence: 1,
    kind: "acute",
    acuteCourseId: null,
    format,
    lineage,
    phase: "middle",
    plannedSessions: preset.defaultSessions,
    frequency: "weekly",
    startDate: toDateColumn("2026-03-02"),
    sessionMinutes: preset.defaultSessionMinutes,
    sessionWeekday: 1,
    sessionTime: "09:30",
    terminationLead: 2,
    diagnosisNamed: true,
    sickRoleGiven: true,
    primaryArea: area,
    secondaryArea: null,
    disputeStage: area === "role_dispute" ? "renegotiation" : null,
    sensitivityModifier: false,
    formulation: "An invented formulation.",
    formulationAgreedOn: toDateColumn("2026-03-16"),
    episodeOnsetOn: toDateColumn("2026-01-12"),
    contractAgreedOn: toDateColumn("2026-03-02"),
    missedSessionPolicy: null,
    templateVersion: "1",
    middleStartedAt: new Date("2026-03-17T09:00:00Z"),
    terminationRaisedAt: null,
    terminationEarlyReason: null,
    progressReviewed: false,
    gainsCredited: false,
    feelingsDiscussed: false,
    relapsePlan: null,
    // Filled in, so the round trip carries every part of the relapse plan and the completion record.
    relapseWarningSigns: "Invented: waking early, staying in.",
    relapseWhatHelped: "Invented: talking it through with a friend.",
    relapsePeople: "Invented: a sister.",
    noFinalScoreReason: "Invented: the last session was by phone.",
    nonResponseOffer: "referral_offered",
    nextStep: null,
    outcome: null,
    outcomeReason: null,
    endedOn: null,
    client: {
      id: randomUUID(),
      therapistId,
      displayName: "Synthetic client",
      yearOfBirth: 1990,
      referralReason: "Invented referral.",
      workingDiagnosis: diagnosis,
      status: "active",
      people,
      lifeEvents,
    },
    // The histories: the plan generated, a session cancelled, and one change of problem area.
    problemAreaChanges: [
      {
        changedById: therapistId,
        fromPrimary: area === "grief" ? "role_transition" : "grief",
        toPrimary: area,
        fromSecondary: null,
        toSecondary: null,
        fromStage: null,
        toStage: area === "role_dispute" ? "renegotiation" : null,
        reason: "Invented: the grief was not the focus.",
        changedAt: new Date("2026-03-16T11:00:00Z"),
      },
    ],
    planChanges: [
      {
        changedById: therapistId,
        kind: "generated",
        summary: "Invented: plan generated.",
        changedAt: new Date("2026-03-02T09:00:00Z"),
      },
      {
        changedById: therapistId,
        kind: "session_cancelled",
        summary: "Invented: a session cancelled.",
        changedAt: new Date("2026-03-02T09:00:00Z"),
      },
    ],
    sessions,
    measureScores: [
      phq9,
      {
        ...phq9,
        id: randomUUID(),
        instrument: "gad7",
        items: [1, 1, 1, 0, 0, 1, 1],
        total: 5,
        difficulty: "somewhat",
      },
      { ...phq9, id: randomUUID(), instrument: "hamd17", items: [], total: 14, difficulty: null },
    ],
    // One attempt to reach the client after the flag, so the round trip carries outreach.
    outreachAttempts: [
      {
        attemptedAt: new Date("2026-03-10T15:00:00Z"),
        method: "phone" as const,
        outcome: "spoke_with_client" as const,
        note: "Invented: agreed to come next week.",
      },
    ],
    riskFlags: [
      {
        id: randomUUID(),
        sessionId: second.id,
        scoreId: phq9.id,
        itemValue: 1,
        raisedAt: new Date("2026-03-09T10:00:00Z"),
        resolvedAt: null,
        resolvedById: null,
        resolutionReason: null,
        acknowledgedAt: null,
        acknowledgedById: null,
        followUps: [
          {
            riskLevel: "low",
            actionsTaken: "Invented actions.",
            safetyPlan: "reviewed",
            supervisorInformed: false,
            followedUpAt: new Date("2026-03-09T10:30:00Z"),
            createdAt: new Date("2026-03-09T10:31:00Z"),
          },
        ],
      },
    ],
    coSignatures: [
      {
        id: randomUUID(),
        sessionId: null,
        target: "plan",
        supervisorId,
        fingerprint: "sha256:invented",
        note: "",
        createdAt: new Date("2026-03-20T12:00:00Z"),
      },
    ],
  };
}

/** Random invented courses for property tests: every format and area, any number of held sessions,
 *  any PHQ-9 answers and difficulty, any diagnosis text. */
export const syntheticCourseArbitrary = () =>
  fc
    .record({
      format: fc.constantFrom(...courseFormats),
      area: fc.constantFrom(...problemAreas),
      held: fc.integer({ min: 0, max: 8 }),
      diagnosis: fc.option(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
        { nil: null },
      ),
      phq9: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }),
      difficulty: fc.option(fc.constantFrom(...difficultyLevels), { nil: null }),
      notes: fc.string({ maxLength: 60 }),
      // The inventory: any people (label and relationship as the API takes them), any life events,
      // each about one of them or no one.
      people: fc.array(
        fc.record({
          label: fc
            .string({ minLength: 1, maxLength: 80 })
            .map((s) => s.trim())
            .filter((s) => s.length > 0),
          relationship: fc.constantFrom("Partner", "Mother", "Friend", "Colleague"),
          ring: fc.constantFrom(...closenessRings),
          positives: fc.string({ maxLength: 40 }).map((s) => s.trim()),
        }),
        { maxLength: 4 },
      ),
      events: fc.array(
        fc.record({
          kind: fc.constantFrom(...lifeEventKinds),
          day: fc.integer({ min: 0, max: 400 }),
          description: fc.constantFrom("Invented: a move.", "Invented: a loss.", "Invented: a row."),
          person: fc.option(fc.nat(), { nil: null }),
        }),
        { maxLength: 4 },
      ),
      planChanges: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ phq9, difficulty, notes, people, events, planChanges, ...input }) => {
      const base = syntheticCourse(input);
      const invented = people.map((person) => ({
        ...person,
        id: randomUUID(),
        negatives: "",
        expectations: "",
        changesNearOnset: "",
        support: "",
      }));
      const course: ExportSource = {
        ...base,
        client: {
          ...base.client,
          people: invented,
          // As the export reads them: by date (ties keep their order in the test's ids).
          lifeEvents: events
            .map((event) => ({
              id: randomUUID(),
              personId:
                event.person === null || invented.length === 0
                  ? null
                  : (invented[event.person % invented.length]?.id ?? null),
              occurredOn: new Date(Date.UTC(2025, 0, 1 + event.day)),
              kind: event.kind,
              description: event.description,
            }))
            .sort((a, b) => a.occurredOn.getTime() - b.occurredOn.getTime()),
        },
        planChanges: base.planChanges.slice(0, planChanges),
      };
      const held = course.sessions.filter((s) => s.status === "held");
      course.sessions = course.sessions.map((s) => (s.status === "held" ? { ...s, notes } : s));
      // Scores and flags hang on a held session; none held, none recorded.
      const at = held[held.length - 1];
      if (!at) return { ...course, measureScores: [], riskFlags: [] };
      const [first, ...rest] = course.measureScores;
      if (!first) return course;
      const phq = {
        ...first,
        sessionId: at.id,
        items: phq9,
        total: phq9.reduce((a, b) => a + b, 0),
        difficulty,
      };
      const item9 = phq9[8] ?? 0;
      return {
        ...course,
        measureScores: [phq, ...rest.map((score) => ({ ...score, sessionId: at.id }))],
        riskFlags:
          item9 > 0 ? course.riskFlags.map((flag) => ({ ...flag, sessionId: at.id, itemValue: item9 })) : [],
      };
    });
