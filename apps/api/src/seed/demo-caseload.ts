// Demo caseloads: invented clients at every stage of an IPT course (and one in maintenance IPT after a
// completed acute course), so a demo therapist sees a real caseload at once. Built through the same services the API uses, so every rule and audit row applies.
// All names, codes, notes and scores are invented; nothing here is real clinical text or data.
// Scores go through the measures and risk services too: a PHQ-9 item 9 above 0 raises a real risk
// flag, and the session is signed only after its safety follow-up is recorded. Fidelity ratings go
// through the fidelity service: the therapist's self-ratings, and the supervisor's ratings of the
// held sessions in the review sample.
import {
  addDays,
  fidelityRatingRequest,
  fromZoned,
  ITEM_COUNTS,
  PHQ9_RISK_ITEM,
  recordMeasureRequest,
  resolveRiskFlagRequest,
  reviewSample,
  safetyFollowUpRequest,
  todayIn,
  weekdayOf,
  type CourseDetail,
  type CourseFormat,
  type DisputeStage,
  type FidelityScores,
  type ItemInstrument,
  type LifeEventKind,
  type CalendarDate,
  type Lineage,
  type ProblemArea,
  type SessionPhase,
} from "@ipt/shared";
import type { Actor } from "../clinical/access";
import { createClient } from "../clinical/clients/clients-service";
import { setContract } from "../clinical/courses/contract";
import { getCourseDetail } from "../clinical/courses/course-detail";
import {
  createCourse,
  setFormulation,
  setInitialTasks,
  setProblemArea,
} from "../clinical/courses/course-setup";
import { updateGriefTasks } from "../clinical/courses/grief-tasks";
import { startMaintenance } from "../clinical/courses/maintenance";
import { startMiddlePhase } from "../clinical/courses/middle-phase";
import { addLifeEvent, addPerson } from "../clinical/inventory/inventory-service";
import { recordMeasure } from "../clinical/measures/measures-service";
import { getServiceTimeZone } from "../clinical/measures/settings-read";
import { recordFollowUp, resolveRiskFlag } from "../clinical/measures/risk-service";
import { cancelSession } from "../clinical/plan/plan-service";
import { signSession, updateSession } from "../clinical/sessions/sessions-service";
import {
  completeCourse,
  raiseTermination,
  updateTerminationChecklist,
} from "../clinical/termination/termination-service";
import type { PrismaClient } from "../db/prisma";
import { rateSession } from "../fidelity/fidelity-service";
import { demoActor, demoEmail } from "./demo-accounts";
import { seedDemoReview, type DemoReviewStory } from "./demo-review";

interface DemoCourse {
  displayName: string;
  yearOfBirth: number;
  referralReason: string;
  workingDiagnosis: string;
  format: CourseFormat;
  lineage: Lineage;
  plannedSessions: number;
  area: ProblemArea | null;
  disputeStage?: DisputeStage;
  people: { label: string; relationship: string; ring: "inner" | "middle" | "outer" }[];
  events: { weeksAgo: number; kind: LifeEventKind; description: string }[];
  /** How many weeks ago the first session was (sessions are weekly). */
  startedWeeksAgo: number;
  /** Sessions recorded as held and signed, in order. */
  held: number;
  /** Session number cancelled (with a replacement at the end) before it took place. */
  cancelled?: number;
  raiseEnding?: boolean;
  complete?: boolean;
  /** Invented scores by session number, recorded once the session is held and before it is signed. */
  scores?: Record<number, DemoScores>;
  /** Resolve the risk flags still open once this session is held (after their follow-up). */
  resolveRiskAt?: number;
  /** Invented fidelity ratings once the sessions are held. */
  fidelity?: DemoFidelity;
  /** Invented supervision review by the therapist's supervisor (see demo-review.ts). */
  review?: DemoReviewStory;
  /**
   * After a completed course: a monthly maintenance contract starting 4 weeks after its end
   * (docs/decisions/026), its first `held` sessions held and signed with these scores.
   */
  maintenance?: DemoMaintenance;
}

interface DemoMaintenance {
  plannedSessions: number;
  held: number;
  /** Invented scores by maintenance session number (PHQ-9 and GAD-7 are due at every one). */
  scores: Record<number, DemoScores>;
}

interface DemoFidelity {
  /** The therapist self-rates held sessions 1 to this number. */
  selfRatedUpTo: number;
  /** The supervisor rates the held sessions of the review sample (one item 2 below the self-rating). */
  supervisorReviews: boolean;
}

interface DemoScores {
  phq9?: number;
  gad7?: number;
  hamd17?: number;
  /** The PHQ-9 item 9 answer (0 unless given); above 0 raises a risk flag. */
  item9?: number;
}

const formulation = (area: string) =>
  `Invented demo formulation: the low mood is understood in relation to a ${area}, agreed with the client.`;

const caseloads: Record<string, DemoCourse[]> = {
  "therapist.tom": [
    {
      displayName: "Demo client RK",
      yearOfBirth: 1986,
      referralReason: "Low mood and withdrawal for four months (invented).",
      workingDiagnosis: "Major depressive episode, moderate",
      format: "standard",
      lineage: "weissman",
      plannedSessions: 12,
      area: "role_dispute",
      disputeStage: "impasse",
      people: [
        { label: "Partner (demo)", relationship: "Partner", ring: "inner" },
        { label: "Sister (demo)", relationship: "Sister", ring: "middle" },
        { label: "Team lead (demo)", relationship: "Manager", ring: "outer" },
      ],
      events: [{ weeksAgo: 30, kind: "dispute", description: "Arguments about sharing care began" }],
      startedWeeksAgo: 6,
      held: 5,
      cancelled: 4,
      review: "change_requested",
      // Self-rated, not yet reviewed.
      fidelity: { selfRatedUpTo: 3, supervisorReviews: false },
      // Falling steadily from baseline: a response by session 5.
      scores: {
        1: { phq9: 16, gad7: 12 },
        2: { phq9: 15 },
        3: { phq9: 12 },
        4: { phq9: 10, gad7: 8 },
        5: { phq9: 7, gad7: 6 },
      },
    },
    {
      displayName: "Demo client 0412",
      yearOfBirth: 1999,
      referralReason: "Referred by GP after a difficult first year at work (invented).",
      workingDiagnosis: "",
      format: "standard",
      lineage: "weissman",
      plannedSessions: 12,
      area: null,
      people: [{ label: "Flatmate (demo)", relationship: "Flatmate", ring: "middle" }],
      events: [],
      startedWeeksAgo: 0,
      held: 0,
    },
    {
      displayName: "Demo client LM",
      yearOfBirth: 1962,
      referralReason: "Low mood since retiring (invented).",
      workingDiagnosis: "Major depressive episode, mild",
      format: "standard",
      lineage: "weissman",
      plannedSessions: 12,
      area: "role_transition",
      people: [{ label: "Spouse (demo)", relationship: "Spouse", ring: "inner" }],
      events: [{ weeksAgo: 40, kind: "transition", description: "Retired from teaching" }],
      startedWeeksAgo: 10,
      held: 10,
      raiseEnding: true,
      fidelity: { selfRatedUpTo: 10, supervisorReviews: true },
      review: "reviewed_and_cosigned",
      // Little change, and item 9 answered 1 at the latest session: the follow-up is recorded, but the
      // flag is still open, so the supervisors see it.
      scores: {
        1: { phq9: 12, gad7: 9 },
        4: { phq9: 11, gad7: 9 },
        6: { phq9: 10, gad7: 8 },
        8: { phq9: 10, gad7: 8 },
        10: { phq9: 10, gad7: 8, item9: 1 },
      },
    },
  ],
  "therapist.maya": [
    {
      displayName: "Demo client JP",
      yearOfBirth: 1975,
      referralReason: "Persistent low mood after a bereavement (invented).",
      workingDiagnosis: "Major depressive episode, moderate",
      format: "standard",
      lineage: "weissman",
      plannedSessions: 12,
      area: "grief",
      people: [{ label: "Late father (demo)", relationship: "Father", ring: "inner" }],
      events: [{ weeksAgo: 60, kind: "death", description: "Death of father" }],
      startedWeeksAgo: 30,
      held: 12,
      raiseEnding: true,
      complete: true,
      // Remission by the final session; item 9 answered 1 at baseline, followed up and resolved.
      scores: {
        1: { phq9: 18, gad7: 13, hamd17: 19, item9: 1 },
        4: { phq9: 14, gad7: 11 },
        6: { phq9: 11, gad7: 9 },
        8: { phq9: 8, gad7: 6 },
        12: { phq9: 4, gad7: 3, hamd17: 6 },
      },
      resolveRiskAt: 2,
      // Then monthly maintenance: four sessions held, a wobble at the third, the fifth next week.
      maintenance: {
        plannedSessions: 6,
        held: 4,
        scores: {
          1: { phq9: 5, gad7: 4 },
          2: { phq9: 4, gad7: 3 },
          3: { phq9: 7, gad7: 6 },
          4: { phq9: 5, gad7: 4 },
        },
      },
    },
    {
      displayName: "Demo client SB",
      yearOfBirth: 1991,
      referralReason: "Low mood since the birth of her second child (invented).",
      workingDiagnosis: "Major depressive episode, mild",
      format: "ipt_b",
      lineage: "stuart",
      plannedSessions: 9,
      area: "role_transition",
      people: [{ label: "Partner (demo)", relationship: "Partner", ring: "inner" }],
      events: [{ weeksAgo: 20, kind: "transition", description: "Second child born" }],
      startedWeeksAgo: 7,
      held: 7,
      // A partial response so far.
      scores: {
        1: { phq9: 11, gad7: 9 },
        4: { phq9: 9, gad7: 8 },
        5: { phq9: 8, gad7: 8 },
      },
    },
  ],
  "therapist.joel": [
    {
      displayName: "Demo client TW",
      yearOfBirth: 2008,
      referralReason: "Withdrawn at school and at home (invented).",
      workingDiagnosis: "Major depressive episode, mild",
      format: "ipt_a",
      lineage: "weissman",
      plannedSessions: 12,
      area: "interpersonal_deficits",
      people: [{ label: "Mother (demo)", relationship: "Mother", ring: "inner" }],
      events: [],
      startedWeeksAgo: 5,
      held: 4,
    },
  ],
  "therapist.ines": [],
};

/** Answers adding up to `total`, spread evenly; PHQ-9 item 9 is `item9` (always 0 for GAD-7). */
function demoAnswers(instrument: ItemInstrument, total: number, item9 = 0): number[] {
  const count = ITEM_COUNTS[instrument];
  const fixed = instrument === "phq9" ? item9 : 0;
  const spread = instrument === "phq9" ? count - 1 : count;
  const rest = total - fixed;
  if (rest < 0 || rest > 3 * spread) throw new RangeError(`No ${instrument} answers add up to ${total}.`);
  const answers = Array.from(
    { length: spread },
    (_, i) => Math.floor(rest / spread) + (i < rest % spread ? 1 : 0),
  );
  return instrument === "phq9" ? [...answers.slice(0, PHQ9_RISK_ITEM - 1), fixed] : answers;
}

/** Today and the zone of the service, for dates relative to when the demo is seeded. */
interface DemoCalendar {
  today: CalendarDate;
  timeZone: string;
}

/** Noon on the session's day in the service's zone, never in the future (the service refuses that). */
const followUpTime = (plannedDate: CalendarDate, actor: Actor, calendar: DemoCalendar) =>
  new Date(
    Math.min(fromZoned(plannedDate, "12:00", calendar.timeZone).getTime(), actor.now.getTime() - 60_000),
  ).toISOString();

/**
 * Records the session's invented scores, parsed as the route would parse them. A risk flag raised
 * here gets its safety follow-up at once, so the session can be signed.
 */
async function recordDemoScores(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  session: { id: string; plannedDate: string },
  scores: DemoScores,
  supervisorId: string | null,
  calendar: DemoCalendar,
) {
  const requests = [
    scores.phq9 === undefined
      ? null
      : { instrument: "phq9", items: demoAnswers("phq9", scores.phq9, scores.item9), difficulty: "somewhat" },
    scores.gad7 === undefined
      ? null
      : { instrument: "gad7", items: demoAnswers("gad7", scores.gad7), difficulty: "somewhat" },
    scores.hamd17 === undefined ? null : { instrument: "hamd17", total: scores.hamd17 },
  ];
  for (const request of requests) {
    if (!request) continue;
    const body = recordMeasureRequest.parse({ sessionId: session.id, ...request });
    const { riskFlag } = await recordMeasure(prisma, actor, courseId, body);
    if (!riskFlag) continue;
    await recordFollowUp(
      prisma,
      actor,
      riskFlag.id,
      safetyFollowUpRequest.parse({
        riskAssessed: true,
        riskLevel: "low",
        actionsTaken: "Invented demo follow-up: risk asked about directly and discussed with the client.",
        safetyPlan: "reviewed",
        supervisorInformed: supervisorId !== null,
        supervisorId,
        followedUpAt: followUpTime(session.plannedDate, actor, calendar),
      }),
    );
  }
}

/** Resolves the course's open risk flags (each already has its follow-up). */
async function resolveDemoRisks(prisma: PrismaClient, actor: Actor, courseId: string) {
  const open = await prisma.riskFlag.findMany({
    where: { courseId, resolvedAt: null },
    select: { id: true, version: true },
  });
  for (const flag of open) {
    await resolveRiskFlag(
      prisma,
      actor,
      flag.id,
      resolveRiskFlagRequest.parse({
        version: flag.version,
        reason: "Invented demo reason: risk reassessed at the next session; the safety plan is in place.",
      }),
    );
  }
}

/**
 * Invented 1–5 fidelity scores for a session in `phase`: the set-up items rate the initial phase,
 * techniques the later phases, the ending the termination phase; the rest are not applicable.
 */
function demoFidelityScores(phase: SessionPhase | null, value: number): FidelityScores {
  const initial = phase === "initial";
  return {
    diagnosis_and_sick_role: initial ? value : null,
    inventory: initial ? value : null,
    formulation: initial ? value : null,
    time_limit: value,
    focus_and_mood_link: value,
    techniques_and_incident: initial ? null : value,
    termination_on_time: phase === "termination" ? value : null,
    measures_on_schedule: value,
    risk_reviewed: value,
  };
}

/**
 * The therapist's self-ratings (a little generous on staying on the focus) and, if asked, the
 * supervisor's ratings of the held sessions in the review sample; on the first of those the supervisor
 * rates the focus 2 lower, so the disagreement shows.
 */
async function rateDemoFidelity(
  prisma: PrismaClient,
  actor: Actor,
  course: CourseDetail,
  fidelity: DemoFidelity,
  supervisorId: string | null,
) {
  const held = course.sessions.filter((s) => s.status === "held" && s.number !== null);
  for (const session of held.filter((s) => s.number !== null && s.number <= fidelity.selfRatedUpTo)) {
    const scores = { ...demoFidelityScores(session.phase, 4), focus_and_mood_link: 5 };
    const body = { version: 0, scores, comment: "Invented demo self-rating." };
    await rateSession(prisma, actor, session.id, fidelityRatingRequest.parse(body));
  }
  if (!fidelity.supervisorReviews || !supervisorId) return;
  const supervisor = demoActor(supervisorId, "supervisor");
  const sample = new Set(reviewSample(course.id, course.sessions));
  const reviewed = held.filter((s) => sample.has(s.id));
  for (const [index, session] of reviewed.entries()) {
    const scores = { ...demoFidelityScores(session.phase, 4), focus_and_mood_link: index === 0 ? 3 : 4 };
    const body = { version: 0, scores, comment: "Invented demo supervisor rating." };
    await rateSession(prisma, supervisor, session.id, fidelityRatingRequest.parse(body));
  }
}

/** Holds and signs one planned session with invented, non-clinical demo notes (and scores, if any). */
async function holdSession(
  prisma: PrismaClient,
  actor: Actor,
  course: CourseDetail,
  number: number,
  scores: DemoScores | undefined,
  supervisorId: string | null,
  calendar: DemoCalendar,
) {
  const planned = course.sessions.find((s) => s.number === number && s.status === "planned");
  if (!planned) return;
  const session = await updateSession(prisma, actor, planned.id, {
    version: planned.version,
    status: "held",
    techniques: ["nondirective_exploration", "communication_analysis"],
    notes: `Invented demo note for session ${number}.`,
    nextFocus: "Invented demo focus for next time.",
  });
  if (scores) await recordDemoScores(prisma, actor, course.id, planned, scores, supervisorId, calendar);
  const agenda = session.agenda.map((item) => ({ ...item, done: true }));
  // After a risk flag earlier in the course the risk review is ticked too, as signing needs it.
  const done = await updateSession(prisma, actor, session.id, {
    version: session.version,
    agenda,
    ...(session.riskReview.required ? { riskReviewDone: true } : {}),
  });
  await signSession(prisma, actor, done.id, { version: done.version });
}

async function seedCourse(
  prisma: PrismaClient,
  actor: Actor,
  demo: DemoCourse,
  supervisorId: string | null,
  calendar: DemoCalendar,
) {
  const client = await createClient(prisma, actor, {
    displayName: demo.displayName,
    yearOfBirth: demo.yearOfBirth,
    referralReason: demo.referralReason,
    workingDiagnosis: demo.workingDiagnosis,
  });
  const startDate = addDays(calendar.today, -7 * demo.startedWeeksAgo);
  let course = await createCourse(prisma, actor, client.id, {
    format: demo.format,
    lineage: demo.lineage,
    startDate,
  });
  for (const person of demo.people) await addPerson(prisma, actor, client.id, { ...person, ...blankPerson });
  for (const event of demo.events) {
    const occurredOn = addDays(calendar.today, -7 * event.weeksAgo);
    await addLifeEvent(prisma, actor, client.id, {
      occurredOn,
      kind: event.kind,
      description: event.description,
    });
  }
  if (!demo.area) return; // still early in the initial phase
  course = await setInitialTasks(prisma, actor, course.id, {
    version: course.version,
    diagnosisNamed: true,
    sickRoleGiven: true,
  });
  course = await setProblemArea(prisma, actor, course.id, {
    version: course.version,
    primaryArea: demo.area,
    secondaryArea: null,
    disputeStage: demo.disputeStage ?? null,
    sensitivityModifier: false,
  });
  course = await setFormulation(prisma, actor, course.id, {
    version: course.version,
    formulation: formulation(demo.area.replace("_", " ")),
    agreedOn: startDate,
  });
  if (demo.area === "grief") {
    // The grief tasks' notes (ipt/grief), so the demo shows them on the course and the printable plan.
    course = await updateGriefTasks(prisma, actor, course.id, {
      version: course.version,
      deathEvents: "Invented demo: a short illness; the client was at work when the call came.",
      relationshipPositive: "Invented demo: weekend walks, and advice that was usually right.",
      relationshipNegative: "Invented demo: old arguments about the client's choice of work.",
      avoidedGrief: "Invented demo: has not spoken about the funeral; anger at being left out.",
    });
  }
  course = await setContract(prisma, actor, course.id, {
    version: course.version,
    plannedSessions: demo.plannedSessions,
    frequency: "weekly",
    sessionMinutes: demo.format === "ipt_a" ? 45 : 50,
    startDate,
    weekday: weekdayOf(startDate),
    startTime: "10:30",
    terminationLead: 2,
    missedSessionPolicy: "A missed session is offered again the same week where possible.",
    agreedOn: startDate,
  });
  if (demo.cancelled) {
    const toCancel = course.sessions.find((s) => s.number === demo.cancelled);
    if (toCancel) {
      course = await cancelSession(prisma, actor, course.id, {
        version: course.version,
        sessionId: toCancel.id,
        reason: "Client unwell (demo)",
        replace: true,
      });
    }
  }
  for (let number = 1; number <= demo.held; number += 1) {
    if (number === 4) course = await startMiddlePhase(prisma, actor, course.id, { version: course.version });
    if (demo.raiseEnding && number === course.terminationStartNumber) {
      course = await raiseTermination(prisma, actor, course.id, { version: course.version });
    }
    await holdSession(prisma, actor, course, number, demo.scores?.[number], supervisorId, calendar);
    if (demo.resolveRiskAt === number) await resolveDemoRisks(prisma, actor, course.id);
    course = await getCourseDetail(prisma, actor, course.id, { audit: false });
  }
  if (demo.fidelity) await rateDemoFidelity(prisma, actor, course, demo.fidelity, supervisorId);
  if (demo.review && supervisorId) await seedDemoReview(prisma, actor, supervisorId, course, demo.review);
  if (demo.complete) {
    course = await updateTerminationChecklist(prisma, actor, course.id, {
      version: course.version,
      progressReviewed: true,
      gainsCredited: true,
      feelingsDiscussed: true,
      relapseWarningSigns: "Invented demo warning signs: sleeping badly, staying in, dropping contact.",
      relapseWhatHelped: "Invented demo: talking things through with family and planning the week.",
      relapsePeople: "Invented demo: a sister; the GP.",
      relapsePlan: "Invented demo relapse plan: what to do, and come back if the signs last two weeks.",
      nextStep: "maintenance_offered",
    });
    // The course ends on its last held session's day.
    const endedOn = course.sessions.findLast((s) => s.status === "held")?.plannedDate ?? calendar.today;
    await completeCourse(prisma, actor, course.id, {
      version: course.version,
      outcome: "completed",
      endedOn,
    });
    if (demo.maintenance) {
      await seedMaintenance(prisma, actor, course.id, endedOn, demo, supervisorId, calendar);
    }
  }
}

/** A monthly maintenance contract from 4 weeks after the acute course ended, with its sessions held so far. */
async function seedMaintenance(
  prisma: PrismaClient,
  actor: Actor,
  acuteCourseId: string,
  acuteEndedOn: CalendarDate,
  demo: DemoCourse,
  supervisorId: string | null,
  calendar: DemoCalendar,
) {
  const plan = demo.maintenance;
  if (!plan) return;
  const startDate = addDays(acuteEndedOn, 28);
  let course = await startMaintenance(prisma, actor, acuteCourseId, {
    plannedSessions: plan.plannedSessions,
    frequency: "monthly",
    sessionMinutes: demo.format === "ipt_a" ? 45 : 50,
    startDate,
    weekday: weekdayOf(startDate),
    startTime: "10:30",
    missedSessionPolicy: "A missed maintenance session is offered again within the month.",
    agreedOn: acuteEndedOn,
  });
  for (let number = 1; number <= plan.held; number += 1) {
    await holdSession(prisma, actor, course, number, plan.scores[number], supervisorId, calendar);
    course = await getCourseDetail(prisma, actor, course.id, { audit: false });
  }
}

const blankPerson = { positives: "", negatives: "", expectations: "", changesNearOnset: "", support: "" };

/**
 * Gives each demo therapist an invented caseload, once: a therapist who already has clients is left
 * alone, so running it again changes nothing. Returns the number of clients added.
 */
export async function seedDemoCaseloads(prisma: PrismaClient): Promise<number> {
  const timeZone = await getServiceTimeZone(prisma);
  const calendar: DemoCalendar = { today: todayIn(timeZone, new Date()), timeZone };
  let added = 0;
  for (const [key, courses] of Object.entries(caseloads)) {
    const therapist = await prisma.user.findUnique({
      where: { email: demoEmail(key) },
      select: { id: true },
    });
    if (!therapist) continue;
    if ((await prisma.client.count({ where: { therapistId: therapist.id } })) > 0) continue;
    const actor = demoActor(therapist.id, "therapist");
    // The supervisor a safety follow-up says was informed, and who reviews fidelity: the therapist's first, by name.
    const supervision = await prisma.supervisionAssignment.findFirst({
      where: { therapistId: therapist.id },
      select: { supervisorId: true },
      orderBy: { supervisor: { name: "asc" } },
    });
    for (const demo of courses) {
      await seedCourse(prisma, actor, demo, supervision?.supervisorId ?? null, calendar);
      added += 1;
    }
  }
  return added;
}
