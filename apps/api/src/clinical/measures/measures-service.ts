// Rating-scale scores: record one at a held session, correct it (a new row; the original stays, and
// the database refuses UPDATE on scores), and the course's measures view. The API scores the forms
// itself with the shared scoring (the web form's total is only a preview). A PHQ-9 whose item 9 is
// above 0 raises a risk flag in the same transaction [S25l].
import {
  type CalendarDate,
  type CorrectMeasureRequest,
  type DifficultyLevel,
  type CourseMeasures,
  fromDateColumn,
  type Instrument,
  ITEM_COUNTS,
  raisesRiskFlag,
  type RecordMeasureRequest,
  type RecordMeasureResponse,
  type RiskFlagDetail,
  riskItemAnswer,
  scoreItems,
  type SessionStatus,
  toDateColumn,
} from "@ipt/shared";
import { personSelect } from "../../db/person-select";
import { type PrismaClient, type Db, type Tx } from "../../db/prisma";
import { plainTransaction, type TransactionRunner } from "../../db/transactions";
import { conflict, invalid, invalidFields } from "../../errors/app-error";
import { auditClinical, denied, ownedCourse, readableClientWhere, ruleUnmet, type Actor } from "../access";
import { live } from "../live";
import { assertCourseOpen, lockCourse } from "../plan/course-write";
import { courseMeasuresOf } from "./measure-state";
import {
  correctedIds,
  riskFlagOrder,
  riskFlagSelect,
  scoreOrder,
  scoreSelect,
  toMeasureScore,
  toRiskFlagDetail,
  type ScoreRow,
} from "./measure-wire";
import { getEscalationContext, getMeasurementSettings } from "./settings-read";
import { required } from "../../errors/required";
import { serviceToday } from "../../settings/service-time";
import { refreshCourseSummary } from "../../supervision/course-summary";

const statusWords: Record<SessionStatus, string> = {
  planned: "still planned",
  cancelled: "cancelled",
  no_show: "a no-show",
  held: "held",
};

/**
 * Totals a PHQ-9 or GAD-7 form, refusing each unanswered or out-of-range item by name (items.0 is item
 * 1; `field` names the answers' place in the request body).
 */
export function scoreForm(
  instrument: Exclude<Instrument, "hamd17">,
  items: readonly (number | null)[],
  field = "body.items",
) {
  const result = scoreItems(instrument, items);
  if (result.ok) return { items: items as number[], total: result.total };
  const count = ITEM_COUNTS[instrument];
  throw invalidFields([
    ...result.missing.map((number) => ({
      field: `${field}.${number - 1}`,
      message: `Answer item ${number}.`,
    })),
    ...result.invalid.map((number) => ({
      field: `${field}.${number - 1}`,
      message: number > count ? `This form has ${count} items.` : "Answer with 0, 1, 2 or 3.",
    })),
  ]);
}

/** Raises a risk flag for a score whose PHQ-9 item 9 is above 0, audited with ids only. */
async function raiseRiskFlag(
  tx: Tx,
  actor: Actor,
  score: { id: string; courseId: string; sessionId: string; items: number[] },
  sessionNumber: number | null,
): Promise<RiskFlagDetail> {
  const row = await tx.riskFlag.create({
    data: {
      courseId: score.courseId,
      sessionId: score.sessionId,
      scoreId: score.id,
      itemValue: riskItemAnswer(score.items) ?? 0,
    },
    select: riskFlagSelect,
  });
  await auditClinical(tx, actor, "risk_flag.raised", "risk_flag", row.id, {
    scoreId: score.id,
    sessionId: score.sessionId,
  });
  return toRiskFlagDetail(row, sessionNumber, await getEscalationContext(tx, actor.now));
}

export async function recordMeasure(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: RecordMeasureRequest,
  run: TransactionRunner = plainTransaction(prisma),
): Promise<RecordMeasureResponse> {
  await ownedCourse(prisma, actor, courseId);
  return run(async (tx) => {
    await lockCourse(tx, courseId);
    const course = await tx.course.findUniqueOrThrow({
      where: { id: courseId },
      select: { phase: true, startDate: true },
    });
    assertCourseOpen(course.phase);
    const session = await tx.therapySession.findUnique({
      where: { id: request.sessionId, ...live },
      select: { courseId: true, number: true, status: true, plannedDate: true },
    });
    if (!session || session.courseId !== courseId) {
      throw invalid("body.sessionId", "Choose a session of this course.");
    }
    if (session.status !== "held") {
      throw ruleUnmet("A score is recorded at a held session.", [
        {
          item: "session_held",
          message: `This session is ${statusWords[session.status]}: mark it held before recording a score.`,
        },
      ]);
    }

    const scored =
      request.instrument === "hamd17"
        ? {
            items: [] as number[],
            total: required(request.total, "the HAM-D-17 total (recordMeasureRequest requires it)"),
          }
        : scoreForm(request.instrument, request.items ?? []);
    const administeredOn = request.administeredOn ?? fromDateColumn(session.plannedDate);
    const startDate = fromDateColumn(course.startDate);
    const today = await serviceToday(tx, actor.now);
    if (administeredOn > today) {
      throw invalid(
        "body.administeredOn",
        `The date the form was filled in cannot be in the future (today is ${today}).`,
      );
    }
    if (administeredOn < startDate) {
      throw invalid(
        "body.administeredOn",
        `The course started on ${startDate}: use that date or a later one.`,
      );
    }

    return writeScore(tx, actor, {
      courseId,
      session: { id: request.sessionId, number: session.number },
      instrument: request.instrument,
      items: scored.items,
      total: scored.total,
      difficulty: request.instrument === "hamd17" ? null : (request.difficulty ?? null),
      administeredOn,
      completedByClientAt: null,
    });
  });
}

/** A score ready to store: checked, totalled and dated by the caller, under the course's lock. */
export interface ScoreToWrite {
  courseId: string;
  session: { id: string; number: number | null };
  instrument: Instrument;
  items: number[];
  total: number;
  difficulty: DifficultyLevel | null;
  administeredOn: CalendarDate;
  /** When the client sent it through a questionnaire link; null when a clinician entered it. */
  completedByClientAt: Date | null;
}

/**
 * Stores a new score, audits it and raises the risk flag for a PHQ-9 item 9 above 0: the one way a
 * score is recorded, whether the therapist entered it or the client sent it (questionnaires). Runs
 * inside the caller's transaction, which holds the course's lock.
 */
export async function writeScore(tx: Tx, actor: Actor, score: ScoreToWrite): Promise<RecordMeasureResponse> {
  // One current score per session and instrument (under the course lock, so two entries cannot race).
  const existing = await tx.measureScore.findFirst({
    where: { sessionId: score.session.id, instrument: score.instrument },
    select: { id: true },
  });
  if (existing) {
    throw conflict(
      "This form is already recorded for this session — correct it instead of recording it again.",
    );
  }

  const row = await tx.measureScore.create({
    data: {
      courseId: score.courseId,
      sessionId: score.session.id,
      instrument: score.instrument,
      items: score.items,
      total: score.total,
      difficulty: score.difficulty,
      administeredOn: toDateColumn(score.administeredOn),
      enteredById: actor.userId,
      completedByClientAt: score.completedByClientAt,
    },
    select: scoreSelect,
  });
  await auditClinical(tx, actor, "measure.recorded", "measure_score", row.id, {
    instrument: row.instrument,
    sessionId: row.sessionId,
    ...(score.completedByClientAt ? { byClient: true } : {}),
  });
  const riskFlag = raisesRiskFlag(row.instrument, row.items)
    ? await raiseRiskFlag(tx, actor, row, score.session.number)
    : null;
  await refreshCourseSummary(tx, score.courseId);
  return { score: toMeasureScore(row, score.session.number, true), riskFlag };
}

/** The score if its client belongs to the actor; otherwise a 404 (audited as denied). */
async function ownedScore(db: Db, actor: Actor, scoreId: string) {
  const score = await db.measureScore.findFirst({
    where: { id: scoreId, course: { client: { therapistId: actor.userId } } },
    select: { id: true, courseId: true },
  });
  if (!score) throw await denied(db, actor, "measure_score", scoreId, "The score");
  return score;
}

/** The corrected answers (or total) and difficulty; what the request leaves out stays as it was. */
function correctedValues(original: ScoreRow, request: CorrectMeasureRequest) {
  const fields: { field: string; message: string }[] = [];
  if (original.instrument === "hamd17") {
    if (request.items !== undefined) {
      fields.push({ field: "body.items", message: "HAM-D-17 is recorded as a total only." });
    }
    if (request.difficulty !== undefined && request.difficulty !== null) {
      fields.push({ field: "body.difficulty", message: "HAM-D-17 has no difficulty question." });
    }
    if (fields.length) throw invalidFields(fields);
    return { items: [] as number[], total: request.total ?? original.total, difficulty: null };
  }
  if (request.total !== undefined) {
    throw invalid("body.total", "The total is worked out from the items.");
  }
  const scored = request.items
    ? scoreForm(original.instrument, request.items)
    : { items: original.items, total: original.total };
  const difficulty = request.difficulty === undefined ? original.difficulty : request.difficulty;
  return { ...scored, difficulty };
}

export async function correctMeasure(
  prisma: PrismaClient,
  actor: Actor,
  scoreId: string,
  request: CorrectMeasureRequest,
): Promise<RecordMeasureResponse> {
  const owned = await ownedScore(prisma, actor, scoreId);
  // Like an amendment to a signed session, a correction is allowed after the course has ended: the
  // original stays on record and the correction says why.
  return prisma.$transaction(async (tx) => {
    await lockCourse(tx, owned.courseId);
    const original = await tx.measureScore.findUniqueOrThrow({ where: { id: scoreId }, select: scoreSelect });
    const later = await tx.measureScore.findUnique({ where: { correctsId: scoreId }, select: { id: true } });
    if (later) {
      throw conflict("This score has already been corrected: correct the latest version instead.");
    }
    const next = correctedValues(original, request);
    const corrected = await writeCorrection(tx, actor, original, { ...next, reason: request.reason });
    if (!corrected) {
      throw invalid("body", "The correction changes nothing: change an answer, the total or the difficulty.");
    }
    return corrected;
  });
}

/** New values for a score, and why they replace it. */
export interface CorrectionToWrite {
  items: number[];
  total: number;
  difficulty: DifficultyLevel | null;
  reason: string;
  /** When the client sent these answers through a questionnaire link; null for a clinician's correction. */
  completedByClientAt?: Date | null;
}

/**
 * Stores a correction of `original` (the latest of its chain), audits it and raises the risk flag
 * when it newly answers PHQ-9 item 9 above 0: the one way a score is corrected, by the therapist or
 * by the client's later answers. Null when it would change nothing. Inside the caller's transaction,
 * which holds the course's lock.
 */
export async function writeCorrection(
  tx: Tx,
  actor: Actor,
  original: ScoreRow,
  next: CorrectionToWrite,
): Promise<RecordMeasureResponse | null> {
  const changed = [
    next.items.join(",") !== original.items.join(",") ? "items" : null,
    next.total !== original.total ? "total" : null,
    next.difficulty !== original.difficulty ? "difficulty" : null,
  ].filter((field): field is string => field !== null);
  if (changed.length === 0) return null;

  const row = await tx.measureScore.create({
    data: {
      courseId: original.courseId,
      sessionId: original.sessionId,
      instrument: original.instrument,
      items: next.items,
      total: next.total,
      difficulty: next.difficulty,
      administeredOn: original.administeredOn,
      correctsId: original.id,
      correctionReason: next.reason,
      enteredById: actor.userId,
      completedByClientAt: next.completedByClientAt ?? null,
    },
    select: scoreSelect,
  });
  await auditClinical(tx, actor, "measure.corrected", "measure_score", row.id, {
    instrument: row.instrument,
    sessionId: row.sessionId,
    correctsId: original.id,
    fields: changed,
    ...(next.completedByClientAt ? { byClient: true } : {}),
  });
  const session = await tx.therapySession.findUniqueOrThrow({
    where: { id: row.sessionId, ...live },
    select: { number: true },
  });
  // A flag raised by the original stays until it is resolved; a correction that newly answers
  // item 9 above 0 raises its own.
  const riskFlag =
    raisesRiskFlag(row.instrument, row.items) && !raisesRiskFlag(original.instrument, original.items)
      ? await raiseRiskFlag(tx, actor, row, session.number)
      : null;
  await refreshCourseSummary(tx, original.courseId);
  return { score: toMeasureScore(row, session.number, true), riskFlag };
}

/** The current (latest, uncorrected) score of a session's form, if one is recorded. */
export function currentScoreOf(tx: Tx, sessionId: string, instrument: Instrument) {
  return tx.measureScore.findFirst({
    where: { sessionId, instrument, correctedBy: null },
    select: scoreSelect,
  });
}

/**
 * The course's whole measures view, for its therapist or a supervisor assigned to the therapist
 * (404 for anyone else, audited as denied). Audited as measures.viewed.
 */
export async function getCourseMeasures(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
): Promise<CourseMeasures> {
  // Access and the course in one query.
  const course = await prisma.course.findFirst({
    where: { id: courseId, client: readableClientWhere(actor) },
    select: {
      id: true,
      format: true,
      phase: true,
      kind: true,
      plannedSessions: true,
      client: { select: { id: true, displayName: true, therapist: { select: personSelect } } },
      sessions: {
        where: live,
        select: { id: true, number: true, plannedDate: true, phase: true, status: true },
        orderBy: [{ plannedDate: "asc" }, { createdOrder: "asc" }],
      },
    },
  });
  if (!course) throw await denied(prisma, actor, "course", courseId, "The course");
  const scores = await prisma.measureScore.findMany({
    where: { courseId },
    select: scoreSelect,
    orderBy: scoreOrder,
  });
  const riskFlags = await prisma.riskFlag.findMany({
    where: { courseId },
    select: riskFlagSelect,
    orderBy: riskFlagOrder,
  });
  const { settings, safety, service } = await getMeasurementSettings(prisma);
  const escalationContext = { settings: safety, timeZone: service.timeZone, now: actor.now };
  await auditClinical(prisma, actor, "measures.viewed", "course", course.id);

  const numberOf = new Map(course.sessions.map((session) => [session.id, session.number]));
  const corrected = correctedIds(scores);
  const current = scores.filter((score) => !corrected.has(score.id));
  const result = courseMeasuresOf({
    course,
    sessions: course.sessions,
    scores: current,
    openRisks: riskFlags.filter((flag) => flag.resolvedAt === null),
    settings,
  });

  return {
    courseId: course.id,
    client: { id: course.client.id, displayName: course.client.displayName },
    therapist: course.client.therapist,
    format: course.format,
    phase: course.phase,
    plannedSessions: course.plannedSessions,
    sessions: course.sessions.map((session) => ({
      ...session,
      plannedDate: fromDateColumn(session.plannedDate),
    })),
    scores: scores.map((score) =>
      toMeasureScore(score, numberOf.get(score.sessionId) ?? null, !corrected.has(score.id)),
    ),
    summary: result.summary,
    outcome: result.outcome,
    schedule: result.schedule,
    flags: result.flags,
    riskFlags: riskFlags.map((flag) =>
      toRiskFlagDetail(flag, numberOf.get(flag.sessionId) ?? null, escalationContext),
    ),
    settings,
    canWrite: course.client.therapist.id === actor.userId,
  };
}
