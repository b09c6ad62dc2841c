// Invented courses in the export's source shape, generated with the shared plan rules (format presets
// and plan generation), for the FHIR mapping tests: some sessions held and signed, one cancelled,
// a PHQ-9 (with a risk flag), a GAD-7, a HAM-D-17, a co-signature, and supervision: review threads
// (a supervisor's change request, resolved; the therapist's comment on a session with a supervisor's
// reply) and fidelity ratings (self and supervisor). Synthetic data only.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import {
  closenessRings,
  courseFormats,
  difficultyLevels,
  fidelityItemKeys,
  formatPresets,
  problemAreas,
  reviewTargets,
  generatePlan,
  lifeEventKinds,
  lineagePresets,
  toDateColumn,
  type CourseFormat,
  type CourseKind,
  type ProblemArea,
} from "@ipt/shared";
import type { ExportSource } from "../../src/fhir/export-source";

export interface SyntheticCourseInput {
  format: CourseFormat;
  area: ProblemArea;
  /** How many of the first sessions were held and signed (default 3). */
  held?: number;
  diagnosis?: string | null;
  /** acute (default), maintenance (continuing an acute course) or group (a group IPT member's). */
  kind?: CourseKind;
}

type SyntheticSession = ExportSource["sessions"][number];
const authorRoles = ["therapist", "supervisor"] as const;
type SyntheticThread = ExportSource["reviewThreads"][number];

/** A rating of `score` on every item but the last (not applicable), with a comment for the supervisor's. */
function fidelityRating(
  raterRole: "self" | "supervisor",
  raterId: string,
  score: number,
  at: Date,
  scores?: (number | null)[],
): SyntheticSession["fidelityRatings"][number] {
  return {
    id: randomUUID(),
    raterId,
    raterExternal: null,
    raterRole,
    scores: Object.fromEntries(
      fidelityItemKeys.map((key, index) => [
        key,
        scores ? (scores[index] ?? null) : index === fidelityItemKeys.length - 1 ? null : score,
      ]),
    ),
    comment: raterRole === "supervisor" ? "Invented: keep the focus on the dispute." : "",
    createdAt: at,
    updatedAt: new Date(at.getTime() + 60_000),
  };
}

/** A thread opened by `opener` with its first message and any replies, a minute apart. */
function reviewThread(input: {
  kind: "comment" | "change_request";
  target: (typeof reviewTargets)[number];
  sessionId: string | null;
  opener: { id: string; role: "therapist" | "supervisor" };
  messages: { id: string; role: "therapist" | "supervisor"; body: string }[];
  at: Date;
  resolved: { by: string; resolution: string | null } | null;
}): SyntheticThread {
  const minute = (n: number) => new Date(input.at.getTime() + n * 60_000);
  return {
    id: randomUUID(),
    sessionId: input.target === "session" ? input.sessionId : null,
    target: input.target,
    kind: input.kind,
    openedById: input.opener.id,
    openedByExternal: null,
    openedByRole: input.opener.role,
    resolvedAt: input.resolved ? minute(input.messages.length + 1) : null,
    resolvedById: input.resolved?.by ?? null,
    resolution: input.resolved?.resolution ?? null,
    createdAt: input.at,
    messages: input.messages.map((message, index) => ({
      id: randomUUID(),
      authorId: message.id,
      authorExternal: null,
      authorRole: message.role,
      body: message.body,
      createdAt: minute(index),
    })),
  };
}

export function syntheticCourse({
  format,
  area,
  held = 3,
  diagnosis = "Major depressive disorder, single episode",
  kind = "acute",
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
      // The calendar feed's SEQUENCE: the cancelled session moved once (its status changed).
      scheduleSequence: cancelled ? 1 : 0,
      // The calendar feed's UID, random as the database makes them.
      calendarUid: `${randomUUID().replaceAll("-", "")}@session-planner`,
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
      // The first held session rated by the therapist and by the supervisor (one item not applicable).
      fidelityRatings:
        isHeld && index === 0
          ? [
              fidelityRating("self", therapistId, 4, new Date("2026-03-03T12:00:00Z")),
              fidelityRating("supervisor", supervisorId, 2, new Date("2026-03-06T12:00:00Z")),
            ]
          : [],
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
    sequence: kind === "maintenance" ? 2 : 1,
    kind,
    acuteCourseId: kind === "maintenance" ? randomUUID() : null,
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
    // A grief course carries the grief tasks' notes (one left empty), others none.
    griefDeathEvents: area === "grief" ? "Invented: the weeks in hospital before the death." : null,
    griefRelationshipPositive: area === "grief" ? "Invented: walks together every Sunday." : null,
    griefRelationshipNegative: area === "grief" ? "Invented: old arguments about money." : null,
    griefAvoidedGrief: null,
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
        // Acknowledged by the supervisor, so the round trip carries an acknowledgement.
        acknowledgedAt: new Date("2026-03-09T11:00:00Z"),
        acknowledgedById: supervisorId,
        acknowledgedByExternal: null,
        followUps: [
          {
            riskLevel: "low",
            actionsTaken: "Invented actions.",
            safetyPlan: "reviewed",
            // The supervisor named as informed, so the round trip carries one.
            supervisorInformed: true,
            supervisorId,
            supervisorExternal: null,
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
        supervisorExternal: null,
        // A SHA-256 in hexadecimal, as fingerprints are (review/fingerprints.ts).
        fingerprint: "5e".repeat(32),
        note: "",
        createdAt: new Date("2026-03-20T12:00:00Z"),
      },
    ],
    reviewThreads: [
      reviewThread({
        kind: "change_request",
        target: "formulation",
        sessionId: null,
        opener: { id: supervisorId, role: "supervisor" },
        messages: [
          { id: supervisorId, role: "supervisor", body: "Invented: name the dispute's stage." },
          { id: therapistId, role: "therapist", body: "Invented: done, see the amendment." },
        ],
        at: new Date("2026-03-17T12:00:00Z"),
        resolved: { by: therapistId, resolution: "Invented: stage named." },
      }),
      reviewThread({
        kind: "comment",
        target: "session",
        sessionId: sessions[0]?.id ?? null,
        opener: { id: therapistId, role: "therapist" },
        messages: [
          { id: therapistId, role: "therapist", body: "Invented: was the incident chosen well?" },
          { id: supervisorId, role: "supervisor", body: "Invented: yes, it was recent." },
        ],
        at: new Date("2026-03-18T12:00:00Z"),
        resolved: null,
      }),
    ],
  };
}

/** A maintenance course and the completed acute course it continues, of one client (its Bundle
 *  carries both, docs/decisions/018): `[acute, maintenance]`. */
export function syntheticMaintenancePair(
  input: Omit<SyntheticCourseInput, "kind">,
): [ExportSource, ExportSource] {
  return withAcuteCourse(syntheticCourse({ ...input, kind: "maintenance" }));
}

/** `course` as a maintenance course (sequence 2) of its client, with a completed acute course of the
 *  same client, format and area before it: `[acute, maintenance]`. */
export function withAcuteCourse(course: ExportSource): [ExportSource, ExportSource] {
  const made = syntheticCourse({ format: course.format, area: course.primaryArea ?? "grief" });
  // The same therapist and supervisor as the maintenance course's (an import gives both courses'
  // therapist acts to the one therapist it assigns, as for one course).
  const same = new Map([
    [made.client.therapistId, course.client.therapistId],
    [made.coSignatures[0]?.supervisorId ?? "", course.coSignatures[0]?.supervisorId ?? ""],
  ]);
  const acute: ExportSource = {
    ...renamed(made, same),
    client: course.client,
    sequence: 1,
    phase: "completed",
    outcome: "completed",
    outcomeReason: "Invented: responded.",
    endedOn: toDateColumn("2026-06-01"),
  };
  return [acute, { ...course, kind: "maintenance", sequence: 2, acuteCourseId: acute.id }];
}

/** `value` with every string that is a key of `names` replaced by its value (dates kept). */
function renamed<T>(value: T, names: Map<string, string>): T {
  if (typeof value === "string") return (names.get(value) ?? value) as T;
  if (value instanceof Date || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item: unknown) => renamed(item, names)) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renamed(item, names)])) as T;
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
      // Supervision: any threads (a change request is always a supervisor's), any replies, resolved or
      // not; and a self- and a supervisor's rating of the last held session, any item not applicable.
      threads: fc.array(
        fc.record({
          kind: fc.constantFrom(...(["comment", "change_request"] as const)),
          opener: fc.constantFrom(...authorRoles),
          target: fc.constantFrom(...reviewTargets),
          session: fc.nat(),
          bodies: fc.array(fc.record({ role: fc.constantFrom(...authorRoles), body: trimmedText(60) }), {
            minLength: 1,
            maxLength: 3,
          }),
          resolution: fc.option(
            fc.string({ maxLength: 40 }).map((s) => s.trim()),
            { nil: null },
          ),
        }),
        { maxLength: 3 },
      ),
      selfScores: fc.option(fidelityScoresArbitrary(), { nil: null }),
      supervisorScores: fc.option(fidelityScoresArbitrary(), { nil: null }),
      ratingComment: fc.string({ maxLength: 40 }).map((s) => s.trim()),
      // Each session's calendar SEQUENCE (how often it was moved or changed status).
      sequences: fc.array(fc.nat({ max: 6 }), { maxLength: 20 }),
      // Supervisors' co-signatures of held sessions (any note), and the flag acknowledged or not.
      sessionCoSigns: fc.array(fc.record({ session: fc.nat(), note: fc.string({ maxLength: 40 }) }), {
        maxLength: 3,
      }),
      acknowledgedAfter: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
    })
    .map(({ phq9, difficulty, notes, people, events, planChanges, threads, ...others }) => {
      const {
        selfScores,
        supervisorScores,
        ratingComment,
        sequences,
        sessionCoSigns,
        acknowledgedAfter,
        ...input
      } = others;
      const base = syntheticCourse(input);
      const therapist = base.client.therapistId;
      const supervisor = base.coSignatures[0]?.supervisorId ?? therapist;
      const idOf = (role: "therapist" | "supervisor") => (role === "therapist" ? therapist : supervisor);
      const reviewThreads = threads.map((thread, index) => {
        const opener = thread.kind === "change_request" ? "supervisor" : thread.opener;
        const [first, ...replies] = thread.bodies;
        return reviewThread({
          kind: thread.kind,
          target: thread.target,
          sessionId: base.sessions[thread.session % base.sessions.length]?.id ?? null,
          opener: { id: idOf(opener), role: opener },
          messages: [
            { id: idOf(opener), role: opener, body: first?.body ?? "Invented." },
            ...replies.map((reply) => ({ id: idOf(reply.role), role: reply.role, body: reply.body })),
          ],
          at: new Date(Date.UTC(2026, 2, 20 + index, 12)),
          resolved:
            thread.resolution === null ? null : { by: therapist, resolution: thread.resolution || null },
        });
      });
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
        reviewThreads,
      };
      const held = course.sessions.filter((s) => s.status === "held");
      const rated = held[held.length - 1]?.id;
      // After the plan's co-signature, one a day, as the export reads them (oldest first).
      course.coSignatures = [
        ...base.coSignatures,
        ...(held.length === 0 ? [] : sessionCoSigns).map((coSign, index) => ({
          id: randomUUID(),
          sessionId: held[coSign.session % held.length]?.id ?? null,
          target: "session" as const,
          supervisorId: supervisor,
          supervisorExternal: null,
          fingerprint: (index + 10).toString(16).padStart(2, "0").repeat(32),
          note: coSign.note.trim(),
          createdAt: new Date(Date.UTC(2026, 3, 10 + index, 12)),
        })),
      ];
      course.riskFlags = course.riskFlags.map((flag) => ({
        ...flag,
        acknowledgedAt:
          acknowledgedAfter === null ? null : new Date(flag.raisedAt.getTime() + acknowledgedAfter * 60_000),
        acknowledgedById: acknowledgedAfter === null ? null : supervisor,
      }));
      const ratings = (session: SyntheticSession) =>
        session.id !== rated
          ? []
          : [
              ...(selfScores
                ? [fidelityRating("self", therapist, 0, new Date("2026-04-01T12:00:00Z"), selfScores)]
                : []),
              ...(supervisorScores
                ? [
                    fidelityRating(
                      "supervisor",
                      supervisor,
                      0,
                      new Date("2026-04-02T12:00:00Z"),
                      supervisorScores,
                    ),
                  ]
                : []),
            ].map((rating) => ({ ...rating, comment: ratingComment }));
      course.sessions = course.sessions.map((s, index) => {
        const moved = { ...s, scheduleSequence: sequences[index] ?? s.scheduleSequence };
        return s.status === "held" ? { ...moved, notes, fidelityRatings: ratings(s) } : moved;
      });
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

/** Text as the API keeps it: trimmed, not empty. */
function trimmedText(maxLength: number) {
  return fc
    .string({ minLength: 1, maxLength })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** One score per fidelity item: 1–5, or null (not applicable). */
function fidelityScoresArbitrary() {
  return fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), {
    minLength: fidelityItemKeys.length,
    maxLength: fidelityItemKeys.length,
  });
}
