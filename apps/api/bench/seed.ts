// The synthetic caseload: therapists, their clients (people, life events) and one 12-session
// course per client in every phase, a supervisor assigned to every therapist, plus the audit trail
// months of use leave.
import {
  addDays,
  DEFAULT_TIME_ZONE,
  fromDateColumn,
  generatePlan,
  TEMPLATE_VERSION,
  todayIn,
  toDateColumn,
  weekdayOf,
  type AgendaItem,
  type CourseFormat,
  type DisputeStage,
  type LifeEventKind,
  type ProblemArea,
} from "@ipt/shared";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { hashPassword } from "../src/auth/passwords";
import type { Prisma } from "../src/db/prisma";
import type { PrismaClient } from "../src/generated/prisma/client";
import { CLIENTS_PER_THERAPIST, PASSWORD, THERAPISTS } from "./knobs";
import { required } from "../src/errors/required";

// prettier-ignore
const FIRST_NAMES = [
  "Avery", "Blake", "Casey", "Dana", "Eli", "Frankie", "Gray", "Harper", "Indy", "Jordan",
  "Kai", "Logan", "Marlow", "Noor", "Oakley", "Parker", "Quinn", "Riley", "Sasha", "Tatum",
  "Uma", "Val", "Wren", "Xan", "Yael", "Zion", "Maria", "Mark", "Marta", "Omar",
];
const AREAS: ProblemArea[] = ["grief", "role_dispute", "role_transition", "interpersonal_deficits"];
const STAGES: DisputeStage[] = ["renegotiation", "impasse", "dissolution"];
const EVENT_KINDS: LifeEventKind[] = ["death", "dispute", "transition", "other"];
/** Every client's inventory: the same four people. */
const INVENTORY = [
  { label: "Partner", relationship: "partner", ring: "inner" },
  { label: "Mother", relationship: "mother", ring: "inner" },
  { label: "Friend", relationship: "friend", ring: "middle" },
  { label: "Colleague", relationship: "colleague", ring: "outer" },
] as const;
/** The n-th of the items, counting round: the mix repeats across clients. */
const nth = <T>(items: readonly T[], n: number): T => required(items[n % items.length], "an item of a list");
export const DAY = 86_400_000;

export const isoDay = fromDateColumn;
const dateOf = toDateColumn;
// The bench database keeps the default settings, so today is the default zone's.
const today = todayIn(DEFAULT_TIME_ZONE, new Date());
const daysFromToday = (days: number) => toDateColumn(addDays(today, days));

/**
 * Where a client's course stands, by client index: how many of the 12 sessions were held, and the
 * phase. The mix raises every caseload flag (initial phase overdue, termination not raised,
 * problem-area warnings) on some clients and none on others.
 */
const STATES = [
  { phase: "initial", held: 0 },
  { phase: "initial", held: 3 }, // initial_phase_overdue
  { phase: "middle", held: 5 },
  { phase: "middle", held: 9 }, // termination_not_raised
  { phase: "termination", held: 10 },
  { phase: "completed", held: 12 },
] as const;

interface SeededCourse {
  id: string;
  clientId: string;
  therapistId: string;
  phase: (typeof STATES)[number]["phase"];
}

export async function seed(prisma: PrismaClient) {
  const passwordHash = await hashPassword(PASSWORD);
  const therapists = Array.from({ length: THERAPISTS }, (_, t) => ({
    id: randomUUID(),
    email: `therapist.${t}@bench.test`,
    name: `Bench Therapist ${t}`,
    role: "therapist" as const,
    passwordHash,
    mustChangePassword: false,
  }));
  // One supervisor assigned to every therapist: the cockpit's worst case on this data.
  const supervisor = {
    id: randomUUID(),
    email: "supervisor@bench.test",
    name: "Bench Supervisor",
    role: "supervisor" as const,
    passwordHash,
    mustChangePassword: false,
  };
  // The benchmark signs in with a password alone (a new deployment requires a second factor of every
  // role, docs/decisions/021; the demo turns that off the same way).
  await prisma.signInSettings.create({ data: { id: 1, mfaRequiredRoles: [], stepUpMinutes: 15 } });
  await prisma.user.createMany({ data: [...therapists, supervisor] });
  await prisma.supervisionAssignment.createMany({
    data: therapists.map((therapist) => ({ supervisorId: supervisor.id, therapistId: therapist.id })),
  });

  const clients: Prisma.ClientCreateManyInput[] = [];
  const people: Prisma.InventoryPersonCreateManyInput[] = [];
  const events: Prisma.LifeEventCreateManyInput[] = [];
  const courses: Prisma.CourseCreateManyInput[] = [];
  const sessions: Prisma.TherapySessionCreateManyInput[] = [];
  const planChanges: Prisma.PlanChangeCreateManyInput[] = [];
  const amendments: Prisma.SessionAmendmentCreateManyInput[] = [];
  const scores: Prisma.MeasureScoreCreateManyInput[] = [];
  const riskFlags: Prisma.RiskFlagCreateManyInput[] = [];
  const seededCourses: SeededCourse[] = [];

  for (const [t, therapist] of therapists.entries()) {
    for (let c = 0; c < CLIENTS_PER_THERAPIST; c += 1) {
      const k = t * CLIENTS_PER_THERAPIST + c;
      const state = nth(STATES, c);
      const clientId = randomUUID();
      clients.push({
        id: clientId,
        therapistId: therapist.id,
        displayName: `${FIRST_NAMES[k % FIRST_NAMES.length]} ${String.fromCharCode(65 + (k % 26))}. ${c}`,
        yearOfBirth: 1950 + (k % 55),
        referralReason: "Low mood since a change at work; referred by the GP.",
        workingDiagnosis: "Major depressive episode, moderate",
        status: state.phase === "completed" ? "completed" : state.phase === "initial" ? "intake" : "active",
      });
      const personIds = INVENTORY.map((person) => {
        const id = randomUUID();
        people.push({
          id,
          clientId,
          ...person,
          positives: "Listens; shared history.",
          negatives: "Arguments about money.",
        });
        return id;
      });
      for (let e = 0; e < 2; e += 1) {
        events.push({
          clientId,
          personId: e === 0 ? nth(personIds, 0) : null,
          occurredOn: daysFromToday(-400 + e * 60 - (k % 90)),
          kind: nth(EVENT_KINDS, k + e),
          description: "A change in the client's relationships near the onset.",
        });
      }

      const courseId = randomUUID();
      const format: CourseFormat = k % 5 === 4 ? "ipt_a" : "standard";
      const lineage = k % 3 === 0 ? "stuart" : "weissman";
      const primaryArea = state.phase === "initial" && state.held === 0 ? null : nth(AREAS, k);
      const disputeStage = primaryArea === "role_dispute" ? nth(STAGES, k) : null;
      // Session `held` is four days ago, the next one three days ahead (weekly).
      const startDate = isoDay(daysFromToday(-7 * state.held + 3));
      const plan = generatePlan({
        format,
        lineage,
        lead: 2,
        frequency: "weekly",
        primaryArea,
        disputeStage,
        sensitivity: false,
        total: 12,
        startDate,
        weekday: weekdayOf(startDate),
        startTime: "09:00",
        durationMinutes: 50,
      });
      const completed = state.phase === "completed";
      courses.push({
        id: courseId,
        clientId,
        sequence: 1,
        format,
        lineage,
        phase: state.phase,
        plannedSessions: 12,
        startDate: dateOf(startDate),
        sessionMinutes: 50,
        sessionWeekday: weekdayOf(startDate),
        sessionTime: "09:00",
        terminationLead: 2,
        diagnosisNamed: state.held > 0,
        sickRoleGiven: state.held > 0,
        primaryArea,
        disputeStage,
        formulation: primaryArea ? "Depression linked to the change in the client's relationships." : null,
        formulationAgreedOn: primaryArea ? dateOf(startDate) : null,
        contractAgreedOn: dateOf(startDate),
        missedSessionPolicy: "Rescheduled within the week when possible.",
        templateVersion: TEMPLATE_VERSION,
        middleStartedAt: state.held >= 3 && state.phase !== "initial" ? daysFromToday(-30) : null,
        terminationRaisedAt: state.phase === "termination" || completed ? daysFromToday(-5) : null,
        ...(completed
          ? {
              progressReviewed: true,
              gainsCredited: true,
              feelingsDiscussed: true,
              relapseWarningSigns: "Early signs.",
              relapsePlan: "Who to call and when to come back.",
              nextStep: "no_further_treatment" as const,
              outcome: "completed" as const,
              endedOn: daysFromToday(-4),
            }
          : {}),
      });
      seededCourses.push({ id: courseId, clientId, therapistId: therapist.id, phase: state.phase });
      planChanges.push({
        courseId,
        changedById: therapist.id,
        kind: "generated",
        summary: `Plan of 12 weekly sessions from ${startDate}`,
      });

      for (const session of plan) {
        const held = session.number <= state.held;
        // Every held session is signed except the latest one of an open course.
        const signed = held && (completed || session.number < state.held);
        const id = randomUUID();
        sessions.push({
          id,
          courseId,
          number: session.number,
          createdOrder: session.number,
          plannedDate: dateOf(session.plannedDate),
          startTime: session.startTime,
          durationMinutes: session.durationMinutes,
          phase: session.phase,
          slot: session.slot,
          status: held ? "held" : "planned",
          agenda: session.agenda.map((item: AgendaItem) => ({ ...item, done: held })),
          techniques: held ? ["clarification", "communication_analysis"] : [],
          notes: held ? "Discussed the week's interactions; mood a little better." : "",
          nextFocus: held ? "The conversation with the partner about money." : "",
          signedAt: signed ? daysFromToday(-1) : null,
          signedById: signed ? therapist.id : null,
        });
        // PHQ-9 and GAD-7 at the IPT Institute's points (1, 4, 8, 12), falling as the course goes on;
        // one client in ten answers PHQ-9 item 9 above 0 at baseline, leaving an open risk flag.
        if (held && [1, 4, 8, 12].includes(session.number)) {
          const step = Math.floor(session.number / 4);
          const withRisk = session.number === 1 && k % 10 === 0;
          const phq9 = [2, 2, 2, 2, 2, 2, 2, 2, withRisk ? 1 : 0].map((v, i) => (i < step * 2 ? v - 1 : v));
          const gad7 = [2, 2, 2, 1, 1, 1, 1].map((v, i) => (i < step ? v - 1 : v));
          for (const [instrument, items] of [
            ["phq9", phq9],
            ["gad7", gad7],
          ] as const) {
            const scoreId = randomUUID();
            scores.push({
              id: scoreId,
              courseId,
              sessionId: id,
              instrument,
              items,
              total: items.reduce((a, b) => a + b, 0),
              administeredOn: dateOf(session.plannedDate),
              enteredById: therapist.id,
            });
            if (instrument === "phq9" && withRisk) {
              riskFlags.push({ courseId, sessionId: id, scoreId, itemValue: 1 });
            }
          }
        }
        if (signed && session.number === 1) {
          amendments.push({
            sessionId: id,
            authorId: therapist.id,
            reason: "Late entry",
            text: "The client also mentioned sleeping badly.",
          });
        }
      }
    }
  }

  const inChunks = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 2_000) await write(rows.slice(i, i + 2_000));
    console.error(`seeded ${rows.length} rows in ${(performance.now() - started).toFixed(0)} ms`);
  };
  await inChunks(clients, (data) => prisma.client.createMany({ data }));
  await inChunks(people, (data) => prisma.inventoryPerson.createMany({ data }));
  await inChunks(events, (data) => prisma.lifeEvent.createMany({ data }));
  await inChunks(courses, (data) => prisma.course.createMany({ data }));
  await inChunks(sessions, (data) => prisma.therapySession.createMany({ data }));
  await inChunks(planChanges, (data) => prisma.planChange.createMany({ data }));
  await inChunks(amendments, (data) => prisma.sessionAmendment.createMany({ data }));
  await inChunks(scores, (data) => prisma.measureScore.createMany({ data }));
  await inChunks(riskFlags, (data) => prisma.riskFlag.createMany({ data }));
  // Months of use leave an audit trail: one row per read or write, about 200 per client.
  const auditRows = clients.length * 200;
  await prisma.$executeRaw`
    INSERT INTO audit_events (occurred_at, actor_id, action, entity_type, entity_id, outcome)
    SELECT now() - (g * interval '1 minute'), (${therapists.map((t) => t.id)}::uuid[])[1 + g % ${therapists.length}],
           'course.viewed', 'course', gen_random_uuid()::text, 'success'
    FROM generate_series(1, ${auditRows}::int) AS g`;
  await prisma.$executeRawUnsafe("ANALYZE");

  const measured = nth(therapists, 0);
  return {
    therapistEmail: measured.email,
    supervisorEmail: supervisor.email,
    courses: seededCourses.filter((course) => course.therapistId === measured.id),
    counts: {
      therapists: therapists.length,
      clients: clients.length,
      courses: courses.length,
      sessions: sessions.length,
      people: people.length,
      lifeEvents: events.length,
      scores: scores.length,
      riskFlags: riskFlags.length,
      auditEvents: auditRows,
    },
  };
}
