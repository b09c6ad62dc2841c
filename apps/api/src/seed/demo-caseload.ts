// Demo caseloads: invented clients at every stage of an IPT course, so a demo therapist sees a real
// caseload at once. Built through the same services the API uses, so every rule and audit row applies.
// All names, codes and notes are invented; nothing here is real clinical text.
import {
  addDays,
  type CourseDetail,
  type CourseFormat,
  type DisputeStage,
  type LifeEventKind,
  type Lineage,
  type ProblemArea,
} from "@ipt/shared";
import type { Actor } from "../clinical/access";
import { createClient } from "../clinical/clients/clients-service";
import { todayIso } from "../clinical/clients/dates";
import { setContract } from "../clinical/courses/contract";
import { getCourseDetail } from "../clinical/courses/course-detail";
import {
  createCourse,
  setFormulation,
  setInitialTasks,
  setProblemArea,
} from "../clinical/courses/course-setup";
import { startMiddlePhase } from "../clinical/courses/middle-phase";
import { addLifeEvent, addPerson } from "../clinical/inventory/inventory-service";
import { cancelSession } from "../clinical/plan/plan-service";
import { signSession, updateSession } from "../clinical/sessions/sessions-service";
import {
  completeCourse,
  raiseTermination,
  updateTerminationChecklist,
} from "../clinical/termination/termination-service";
import type { PrismaClient } from "../db/prisma";
import { demoEmail } from "./demo-accounts";

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
      startedWeeksAgo: 14,
      held: 12,
      raiseEnding: true,
      complete: true,
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

/** Holds and signs one planned session with invented, non-clinical demo notes. */
async function holdSession(prisma: PrismaClient, actor: Actor, course: CourseDetail, number: number) {
  const planned = course.sessions.find((s) => s.number === number && s.status === "planned");
  if (!planned) return;
  const session = await updateSession(prisma, actor, planned.id, {
    version: planned.version,
    status: "held",
    techniques: ["nondirective_exploration", "communication_analysis"],
    notes: `Invented demo note for session ${number}.`,
    nextFocus: "Invented demo focus for next time.",
  });
  const agenda = session.agenda.map((item) => ({ ...item, done: true }));
  const done = await updateSession(prisma, actor, session.id, { version: session.version, agenda });
  await signSession(prisma, actor, done.id, { version: done.version });
}

async function seedCourse(prisma: PrismaClient, actor: Actor, demo: DemoCourse) {
  const client = await createClient(prisma, actor, {
    displayName: demo.displayName,
    yearOfBirth: demo.yearOfBirth,
    referralReason: demo.referralReason,
    workingDiagnosis: demo.workingDiagnosis,
  });
  const startDate = addDays(todayIso(), -7 * demo.startedWeeksAgo);
  let course = await createCourse(prisma, actor, client.id, {
    format: demo.format,
    lineage: demo.lineage,
    startDate,
  });
  for (const person of demo.people) await addPerson(prisma, actor, client.id, { ...person, ...blankPerson });
  for (const event of demo.events) {
    const occurredOn = addDays(todayIso(), -7 * event.weeksAgo);
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
  course = await setContract(prisma, actor, course.id, {
    version: course.version,
    plannedSessions: demo.plannedSessions,
    frequency: "weekly",
    sessionMinutes: demo.format === "ipt_a" ? 45 : 50,
    startDate,
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
    await holdSession(prisma, actor, course, number);
    course = await getCourseDetail(prisma, actor, course.id, { audit: false });
  }
  if (demo.complete) {
    course = await updateTerminationChecklist(prisma, actor, course.id, {
      version: course.version,
      progressReviewed: true,
      gainsCredited: true,
      feelingsDiscussed: true,
      relapsePlan: "Invented demo relapse plan: early warning signs and whom to contact.",
      nextStep: "maintenance_offered",
    });
    await completeCourse(prisma, actor, course.id, {
      version: course.version,
      outcome: "completed",
      endedOn: todayIso(),
    });
  }
}

const blankPerson = { positives: "", negatives: "", expectations: "", changesNearOnset: "", support: "" };

/**
 * Gives each demo therapist an invented caseload, once: a therapist who already has clients is left
 * alone, so running it again changes nothing. Returns the number of clients added.
 */
export async function seedDemoCaseloads(prisma: PrismaClient): Promise<number> {
  let added = 0;
  for (const [key, courses] of Object.entries(caseloads)) {
    const therapist = await prisma.user.findUnique({
      where: { email: demoEmail(key) },
      select: { id: true },
    });
    if (!therapist) continue;
    if ((await prisma.client.count({ where: { therapistId: therapist.id } })) > 0) continue;
    const actor: Actor = {
      userId: therapist.id,
      audit: { actorId: therapist.id, ip: null, requestId: "demo-seed" },
    };
    for (const demo of courses) {
      await seedCourse(prisma, actor, demo);
      added += 1;
    }
  }
  return added;
}
