// The benchmark's database at scale (`pnpm bench --scale`), built by bulk SQL in minutes, not through
// the services: each table is one INSERT … SELECT over generate_series, joined with a small table of
// course "patterns" worked out here once by the shared plan generator (the same plans, agendas and
// phases the app writes). Client k (0-based) belongs to therapist ⌊k / clients per therapist⌋ and
// follows pattern k mod 60, which sets its course's stage, format, lineage, problem area, the status
// mix of its sessions (held, planned, a no-show, a cancelled-and-replaced session), its PHQ-9 and
// GAD-7 scores and whether PHQ-9 item 9 left an open risk flag. One client in four also has an
// earlier, completed course. Ids are UUIDs derived from the row's kind and numbers, so every table can
// name its parents without reading them back. Every row meets the schema's constraints and goes
// through its triggers (the audit rows through the hash chain).
//
// After the tables are filled, AFTER_BULK_SEED runs in order: the place for rebuilding tables derived
// from the others (a summary table kept current on write by the app has to be built once for rows
// written here behind the app's back). Then ANALYZE.
import {
  addDays,
  DEFAULT_TIME_ZONE,
  generatePlan,
  TEMPLATE_VERSION,
  todayIn,
  weekdayOf,
  type CalendarDate,
  type CourseFormat,
  type DisputeStage,
  type ProblemArea,
} from "@ipt/shared";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { hashPassword } from "../src/auth/passwords";
import type { PrismaClient } from "../src/generated/prisma/client";
import { rebuildCourseSummaries } from "../src/supervision/course-summary";
import { PASSWORD } from "./knobs";

/** A step run once the bulk seed has filled the tables, before ANALYZE. */
export interface AfterBulkSeedStep {
  name: string;
  run(db: { prisma: PrismaClient; sql: pg.ClientBase }): Promise<unknown>;
}

/** Tables derived from the seeded ones, rebuilt after the bulk seed as the migration's backfill does. */
export const AFTER_BULK_SEED: AfterBulkSeedStep[] = [
  { name: "course summaries", run: ({ prisma }) => rebuildCourseSummaries(prisma) },
];

export interface ScaleOptions {
  therapists: number;
  clientsPerTherapist: number;
  /** Therapists per supervisor; supervisor s supervises therapists s·n … s·n + n − 1. */
  superviseesPerSupervisor: number;
  /** Audit rows per client: the trail months of use leave. */
  auditPerClient: number;
}

export const PATTERNS = 60;
// prettier-ignore
const FIRST_NAMES = [
  "Avery", "Blake", "Casey", "Dana", "Eli", "Frankie", "Gray", "Harper", "Indy", "Jordan",
  "Kai", "Logan", "Marlow", "Noor", "Oakley", "Parker", "Quinn", "Riley", "Sasha", "Tatum",
  "Uma", "Val", "Wren", "Xan", "Yael", "Zion", "Maria", "Mark", "Marta", "Omar",
];
const AREAS: ProblemArea[] = ["grief", "role_dispute", "role_transition", "interpersonal_deficits"];
const STAGES: DisputeStage[] = ["renegotiation", "impasse", "dissolution"];
/** A course's stage by pattern: how many of the 12 sessions were held. */
const STATES = [
  { phase: "initial", held: 0 },
  { phase: "initial", held: 3 },
  { phase: "middle", held: 5 },
  { phase: "middle", held: 9 },
  { phase: "termination", held: 10 },
  { phase: "completed", held: 12 },
] as const;
const at = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

/**
 * A version-4 UUID (as z.uuid() accepts) derived from a kind and a SQL expression: md5 of both, with
 * the version and variant digits set.
 */
const uid = (kind: string, expression: string) =>
  `overlay(overlay(md5('${kind}:' || (${expression})::text) placing '4' from 13) placing '8' from 17)::uuid`;

interface CoursePattern {
  p: number;
  phase: string;
  held: number;
  clientStatus: string;
  format: CourseFormat;
  lineage: string;
  primaryArea: ProblemArea | null;
  disputeStage: DisputeStage | null;
  startOffset: number;
  weekday: number;
  completed: boolean;
}

interface SessionPattern {
  p: number;
  createdOrder: number;
  number: number | null;
  dayOffset: number;
  startTime: string;
  durationMinutes: number;
  phase: string;
  slot: string;
  status: string;
  agenda: unknown;
  held: boolean;
  signed: boolean;
  cancelReason: string | null;
}

interface ScorePattern {
  p: number;
  createdOrder: number;
  instrument: "phq9" | "gad7";
  items: number[];
  total: number;
  dayOffset: number;
  risk: boolean;
}

/** The 60 course patterns, their sessions and scores, with dates as days from today. */
function patterns(today: CalendarDate) {
  const days = (date: CalendarDate) => Math.round((Date.parse(date) - Date.parse(today)) / 86_400_000);
  const courses: CoursePattern[] = [];
  const sessions: SessionPattern[] = [];
  const scores: ScorePattern[] = [];
  for (let p = 0; p < PATTERNS; p += 1) {
    const state = at(STATES, p);
    const format: CourseFormat = p % 5 === 4 ? "ipt_a" : "standard";
    const lineage = p % 3 === 0 ? "stuart" : "weissman";
    const primaryArea = state.held === 0 ? null : at(AREAS, p);
    const disputeStage = primaryArea === "role_dispute" ? at(STAGES, p) : null;
    // Session `held` was four days ago, the next one is three days ahead (weekly).
    const startDate = addDays(today, -7 * state.held + 3);
    const weekday = weekdayOf(startDate);
    const completed = state.phase === "completed";
    courses.push({
      p,
      phase: state.phase,
      held: state.held,
      clientStatus: completed ? "completed" : state.phase === "initial" ? "intake" : "active",
      format,
      lineage,
      primaryArea,
      disputeStage,
      startOffset: days(startDate),
      weekday,
      completed,
    });
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
      weekday,
      startTime: "09:00",
      durationMinutes: 50,
    });
    // The status mix: in one pattern in ten a held session was a no-show instead, in another one in
    // ten a session was cancelled (kept, without a number) and the course went on.
    const variant = Math.floor(p / STATES.length) % 10;
    for (const session of plan) {
      const held = session.number <= state.held;
      const noShow = variant === 1 && held && session.number === 2;
      const signed = held && (completed || session.number < state.held);
      sessions.push({
        p,
        createdOrder: session.number,
        number: session.number,
        dayOffset: days(session.plannedDate),
        startTime: session.startTime,
        durationMinutes: session.durationMinutes,
        phase: session.phase,
        slot: session.slot,
        status: noShow ? "no_show" : held ? "held" : "planned",
        agenda: session.agenda.map((item) => ({ ...item, done: held && !noShow })),
        held: held && !noShow,
        signed,
        cancelReason: null,
      });
      // PHQ-9 and GAD-7 at sessions 1, 4, 8 and 12, falling as the course goes on; in one pattern in
      // ten PHQ-9 item 9 is above 0 at baseline (an open risk flag).
      if (held && !noShow && [1, 4, 8, 12].includes(session.number)) {
        const step = Math.floor(session.number / 4);
        const withRisk = session.number === 1 && p % 10 === 0;
        const phq9 = [2, 2, 2, 2, 2, 2, 2, 2, withRisk ? 1 : 0].map((v, i) => (i < step * 2 ? v - 1 : v));
        const gad7 = [2, 2, 2, 1, 1, 1, 1].map((v, i) => (i < step ? v - 1 : v));
        for (const [instrument, items] of [
          ["phq9", phq9],
          ["gad7", gad7],
        ] as const) {
          scores.push({
            p,
            createdOrder: session.number,
            instrument,
            items,
            total: items.reduce((a, b) => a + b, 0),
            dayOffset: days(session.plannedDate),
            risk: instrument === "phq9" && withRisk,
          });
        }
      }
    }
    const first = plan[0];
    if (variant === 2 && state.held >= 2 && first) {
      sessions.push({
        p,
        createdOrder: 13,
        number: null,
        dayOffset: days(first.plannedDate) + 2,
        startTime: "14:00",
        durationMinutes: 50,
        phase: first.phase,
        slot: first.slot,
        status: "cancelled",
        agenda: [],
        held: false,
        signed: false,
        cancelReason: "The client was unwell.",
      });
    }
  }
  return { courses, sessions, scores };
}

const COMPLETED_PATTERN = 5;
/** The earlier course of one client in four ran this many days before the current one. */
const EARLIER_DAYS = 420;

export interface BulkSeeded {
  therapistEmail: string;
  supervisorEmail: string;
  /** The measured therapist's current courses. */
  courses: { id: string; clientId: string; therapistId: string; phase: string }[];
  counts: Record<string, number>;
  /** Seconds per step, for the report. */
  steps: [string, number][];
}

export async function bulkSeed(
  prisma: PrismaClient,
  pool: pg.Pool,
  options: ScaleOptions,
  log: (line: string) => void = console.error,
): Promise<BulkSeeded> {
  const { therapists, clientsPerTherapist, superviseesPerSupervisor, auditPerClient } = options;
  const clients = therapists * clientsPerTherapist;
  const supervisors = Math.ceil(therapists / superviseesPerSupervisor);
  const today = todayIn(DEFAULT_TIME_ZONE, new Date());
  const shapes = patterns(today);
  // One argon2id hash (production cost) for every account: hashing 1,700 would take minutes.
  const passwordHash = await hashPassword(PASSWORD);

  const sql = await pool.connect();
  const steps: [string, number][] = [];
  const step = async (name: string, text: string, values: unknown[] = []) => {
    const started = performance.now();
    const { rowCount } = await sql.query(text, values);
    const seconds = (performance.now() - started) / 1_000;
    steps.push([name, seconds]);
    log(`bulk seed: ${name}: ${rowCount ?? 0} rows in ${seconds.toFixed(1)} s`);
  };
  try {
    // The data is thrown away after the run: a lost commit on a crash costs nothing here.
    await sql.query("SET synchronous_commit = off");
    await sql.query(`CREATE TEMP TABLE bench_courses (
      p int PRIMARY KEY, phase "CoursePhase", held int, client_status "ClientStatus", format "CourseFormat",
      lineage "Lineage", primary_area "ProblemArea", dispute_stage "DisputeStage", start_offset int,
      weekday int, completed boolean)`);
    await sql.query(`CREATE TEMP TABLE bench_sessions (
      p int, created_order int, number int, day_offset int, start_time text, duration_minutes int,
      phase "SessionPhase", slot text, status "SessionStatus", agenda jsonb, held boolean, signed boolean,
      cancel_reason text, PRIMARY KEY (p, created_order))`);
    await sql.query(`CREATE TEMP TABLE bench_scores (
      p int, created_order int, instrument "MeasureInstrument", items int[], total int, day_offset int,
      risk boolean, PRIMARY KEY (p, created_order, instrument))`);
    const snake = (row: object) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
      );
    for (const [table, rows] of [
      ["bench_courses", shapes.courses],
      ["bench_sessions", shapes.sessions],
      ["bench_scores", shapes.scores],
    ] as const) {
      await sql.query(
        `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(null::${table}, $1::jsonb)`,
        [JSON.stringify((rows as object[]).map(snake))],
      );
    }

    const therapist = (t: string) => uid("therapist", t);
    const perT = clientsPerTherapist;
    await step(
      "users",
      `INSERT INTO users (id, email, name, role, password_hash, must_change_password, updated_at)
       SELECT ${therapist("t")}, 'therapist.' || t || '@bench.test', 'Bench Therapist ' || t, 'therapist'::"Role",
              $1, false, now()
       FROM generate_series(0, $2::int - 1) AS t
       UNION ALL
       SELECT ${uid("supervisor", "s")}, 'supervisor.' || s || '@bench.test', 'Bench Supervisor ' || s,
              'supervisor'::"Role", $1, false, now()
       FROM generate_series(0, $3::int - 1) AS s`,
      [passwordHash, therapists, supervisors],
    );
    // The benchmark signs in with a password alone (docs/decisions/021: the demo does the same).
    await step(
      "sign_in_settings",
      `INSERT INTO sign_in_settings (id, mfa_required_roles, step_up_minutes, updated_at)
       VALUES (1, '{}', 15, now())`,
    );
    await step(
      "supervision_assignments",
      `INSERT INTO supervision_assignments (supervisor_id, therapist_id)
       SELECT ${uid("supervisor", "t / $2::int")}, ${therapist("t")} FROM generate_series(0, $1::int - 1) AS t`,
      [therapists, superviseesPerSupervisor],
    );
    await step(
      "clients",
      `INSERT INTO clients (id, therapist_id, display_name, year_of_birth, referral_reason, working_diagnosis,
                            status, updated_at)
       SELECT ${uid("client", "k")}, ${therapist(`k / ${perT}`)},
              ($2::text[])[1 + k % 30] || ' ' || chr(65 + k % 26) || '. ' || (k % ${perT}),
              1950 + k % 55, 'Low mood since a change at work; referred by the GP.',
              'Major depressive episode, moderate', c.client_status, now()
       FROM generate_series(0, $1::int - 1) AS k JOIN bench_courses c ON c.p = k % ${PATTERNS}`,
      [clients, FIRST_NAMES],
    );
    await step(
      "inventory_people",
      `INSERT INTO inventory_people (id, client_id, label, relationship, ring, positives, negatives, updated_at)
       SELECT ${uid("person", "k || ':' || i")}, ${uid("client", "k")}, person.label, person.relationship,
              person.ring::"ClosenessRing", 'Listens; shared history.', 'Arguments about money.', now()
       FROM generate_series(0, $1::int - 1) AS k,
            (VALUES (1, 'Partner', 'partner', 'inner'), (2, 'Mother', 'mother', 'inner'),
                    (3, 'Friend', 'friend', 'middle'), (4, 'Colleague', 'colleague', 'outer'))
              AS person (i, label, relationship, ring)`,
      [clients],
    );
    await step(
      "life_events",
      `INSERT INTO life_events (id, client_id, person_id, occurred_on, kind, description, updated_at)
       SELECT ${uid("event", "k || ':' || e")}, ${uid("client", "k")},
              CASE WHEN e = 0 THEN ${uid("person", "k || ':1'")} END,
              $2::date - 400 + e * 60 - k % 90,
              (ARRAY['death', 'dispute', 'transition', 'other']::"LifeEventKind"[])[1 + (k + e) % 4],
              'A change in the client''s relationships near the onset.', now()
       FROM generate_series(0, $1::int - 1) AS k, generate_series(0, 1) AS e`,
      [clients, today],
    );
    // The current course (sequence 2 after an earlier one, else 1) and, for one client in four, an
    // earlier completed course.
    const courseColumns = `id, client_id, sequence, format, lineage, phase, planned_sessions, start_date,
      session_minutes, session_weekday, session_time, termination_lead, diagnosis_named, sick_role_given,
      primary_area, dispute_stage, formulation, formulation_agreed_on, contract_agreed_on,
      missed_session_policy, template_version, middle_started_at, termination_raised_at,
      progress_reviewed, gains_credited, feelings_discussed, relapse_warning_signs, relapse_plan,
      next_step, outcome, ended_on, updated_at`;
    const courseValues = (
      shift: string,
    ) => `c.format, c.lineage, c.phase, 12, $2::date + c.start_offset - ${shift},
      50, c.weekday, '09:00', 2, c.held > 0, c.held > 0, c.primary_area, c.dispute_stage,
      CASE WHEN c.primary_area IS NOT NULL THEN 'Depression linked to the change in the client''s relationships.' END,
      CASE WHEN c.primary_area IS NOT NULL THEN $2::date + c.start_offset - ${shift} END,
      $2::date + c.start_offset - ${shift}, 'Rescheduled within the week when possible.', $3,
      CASE WHEN c.held >= 3 AND c.phase <> 'initial' THEN now() - interval '30 days' - ${shift} * interval '1 day' END,
      CASE WHEN c.phase IN ('termination', 'completed') THEN now() - interval '5 days' - ${shift} * interval '1 day' END,
      c.completed, c.completed, c.completed,
      CASE WHEN c.completed THEN 'Early signs.' END,
      CASE WHEN c.completed THEN 'Who to call and when to come back.' END,
      CASE WHEN c.completed THEN 'no_further_treatment'::"NextStep" END,
      CASE WHEN c.completed THEN 'completed'::"CourseOutcome" END,
      CASE WHEN c.completed THEN $2::date - 4 - ${shift} END, now()`;
    await step(
      "courses",
      `INSERT INTO courses (${courseColumns})
       SELECT ${uid("course", "k")}, ${uid("client", "k")}, CASE WHEN k % 4 = 0 THEN 2 ELSE 1 END,
              ${courseValues("0")}
       FROM generate_series(0, $1::int - 1) AS k JOIN bench_courses c ON c.p = k % ${PATTERNS}
       UNION ALL
       SELECT ${uid("earlier-course", "k")}, ${uid("client", "k")}, 1, ${courseValues(String(EARLIER_DAYS))}
       FROM generate_series(0, $1::int - 1, 4) AS k JOIN bench_courses c ON c.p = ${COMPLETED_PATTERN}`,
      [clients, today, TEMPLATE_VERSION],
    );
    const sessionSelect = (course: string, kind: string, shift: number) => `
      SELECT ${uid(kind, "k || ':' || s.created_order")}, ${uid(course, "k")}, s.number, s.created_order,
             $2::date + s.day_offset - ${shift}, s.start_time, s.duration_minutes, s.phase, s.slot, s.status,
             s.agenda,
             CASE WHEN s.held THEN ARRAY['clarification', 'communication_analysis']::"Technique"[]
                  ELSE ARRAY[]::"Technique"[] END,
             CASE WHEN s.held THEN 'Discussed the week''s interactions; mood a little better.' ELSE '' END,
             CASE WHEN s.held THEN 'The conversation with the partner about money.' ELSE '' END,
             s.cancel_reason,
             CASE WHEN s.signed THEN now() - interval '1 day' - ${shift} * interval '1 day' END,
             CASE WHEN s.signed THEN ${therapist(`k / ${perT}`)} END, now()`;
    const sessionColumns = `id, course_id, number, created_order, planned_date, start_time, duration_minutes,
      phase, slot, status, agenda, techniques, notes, next_focus, cancel_reason, signed_at, signed_by_id,
      updated_at`;
    await step(
      "therapy_sessions",
      `INSERT INTO therapy_sessions (${sessionColumns})
       ${sessionSelect("course", "session", 0)}
       FROM generate_series(0, $1::int - 1) AS k JOIN bench_sessions s ON s.p = k % ${PATTERNS}
       UNION ALL
       ${sessionSelect("earlier-course", "earlier-session", EARLIER_DAYS)}
       FROM generate_series(0, $1::int - 1, 4) AS k JOIN bench_sessions s ON s.p = ${COMPLETED_PATTERN}`,
      [clients, today],
    );
    await step(
      "plan_changes",
      `INSERT INTO plan_changes (id, course_id, changed_by_id, kind, summary)
       SELECT ${uid("plan-change", "course.id")}, course.id, client.therapist_id, 'generated',
              'Plan of 12 weekly sessions from ' || course.start_date
       FROM courses course JOIN clients client ON client.id = course.client_id`,
    );
    await step(
      "session_amendments",
      `INSERT INTO session_amendments (id, session_id, author_id, reason, text)
       SELECT ${uid("amendment", "k")}, ${uid("session", "k || ':1'")}, ${therapist(`k / ${perT}`)},
              'Late entry', 'The client also mentioned sleeping badly.'
       FROM generate_series(0, $1::int - 1) AS k JOIN bench_courses c ON c.p = k % ${PATTERNS}
       WHERE c.held >= 2`,
      [clients],
    );
    const scoreSelect = (course: string, session: string, kind: string, shift: number) => `
      SELECT ${uid(kind, "k || ':' || m.created_order || m.instrument")}, ${uid(course, "k")},
             ${uid(session, "k || ':' || m.created_order")}, m.instrument, m.items, m.total,
             $2::date + m.day_offset - ${shift}, ${therapist(`k / ${perT}`)},
             now() - (${shift} - m.day_offset) * interval '1 day'`;
    await step(
      "measure_scores",
      `INSERT INTO measure_scores (id, course_id, session_id, instrument, items, total, administered_on,
                                   entered_by_id, entered_at)
       ${scoreSelect("course", "session", "score", 0)}
       FROM generate_series(0, $1::int - 1) AS k JOIN bench_scores m ON m.p = k % ${PATTERNS}
       UNION ALL
       ${scoreSelect("earlier-course", "earlier-session", "earlier-score", EARLIER_DAYS)}
       FROM generate_series(0, $1::int - 1, 4) AS k JOIN bench_scores m ON m.p = ${COMPLETED_PATTERN}`,
      [clients, today],
    );
    await step(
      "risk_flags",
      `INSERT INTO risk_flags (id, course_id, session_id, score_id, item_value, raised_at)
       SELECT ${uid("risk", "k")}, ${uid("course", "k")}, ${uid("session", "k || ':' || m.created_order")},
              ${uid("score", "k || ':' || m.created_order || m.instrument")}, 1,
              now() + m.day_offset * interval '1 day'
       FROM generate_series(0, $1::int - 1) AS k JOIN bench_scores m ON m.p = k % ${PATTERNS}
       WHERE m.risk`,
      [clients],
    );
    // Months of use: reads and writes by every therapist, minutes apart, through the chain trigger.
    await step(
      "audit_events",
      `INSERT INTO audit_events (occurred_at, actor_id, action, entity_type, entity_id, outcome)
       SELECT now() - (n * interval '15 seconds'), ${therapist("n % $2::int")},
              (ARRAY['course.viewed', 'client.viewed', 'caseload.viewed', 'session.updated'])[1 + n % 4],
              'course', ${uid("course", `n % ${clients}`)}::text, 'success'
       FROM generate_series($1::int, 1, -1) AS n`,
      [clients * auditPerClient, therapists],
    );
    for (const after of AFTER_BULK_SEED) {
      const started = performance.now();
      await after.run({ prisma, sql });
      const seconds = (performance.now() - started) / 1_000;
      steps.push([after.name, seconds]);
      log(`bulk seed: ${after.name} in ${seconds.toFixed(1)} s`);
    }
    await step("ANALYZE", "ANALYZE");

    const counts: Record<string, number> = {};
    for (const table of [
      "users",
      "clients",
      "courses",
      "therapy_sessions",
      "measure_scores",
      "risk_flags",
      "life_events",
      "inventory_people",
      "audit_events",
    ]) {
      const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = Number(rows[0]?.n ?? 0);
    }
    const { rows: current } = await sql.query<{
      id: string;
      client_id: string;
      therapist_id: string;
      phase: string;
    }>(
      `SELECT ${uid("course", "k")} AS id, ${uid("client", "k")} AS client_id, ${therapist("0")} AS therapist_id,
              c.phase
       FROM generate_series(0, $1::int - 1) AS k JOIN bench_courses c ON c.p = k % ${PATTERNS}`,
      [clientsPerTherapist],
    );
    return {
      therapistEmail: "therapist.0@bench.test",
      supervisorEmail: "supervisor.0@bench.test",
      courses: current.map((row) => ({
        id: row.id,
        clientId: row.client_id,
        therapistId: row.therapist_id,
        phase: row.phase,
      })),
      counts,
      steps,
    };
  } finally {
    sql.release();
  }
}
