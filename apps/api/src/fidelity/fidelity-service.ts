// Fidelity to IPT (docs/clinical-reference.md §11): each rater's 1–5 rating of a held session — the
// therapist's self-rating or an assigned supervisor's rating — and a course's ratings with their averages,
// the items where self and supervisor differ, and the sessions proposed for review. A rating is the rater's
// own record, not clinical content, so a supervisor may write one; anyone who cannot read the client gets the
// audited 404. Audit rows carry ids, the rater's role and item names, never scores or comments.
import {
  type CourseFidelity,
  FIDELITY_PASS_MARK,
  fidelityAverage,
  fidelityDisagreements,
  fidelityItemKeys,
  type FidelityRaterRole,
  type FidelityRating,
  type FidelityScores,
  fidelityScores,
  reviewSample,
} from "@ipt/shared";
import { personSelect, recordAuthorOf } from "../db/person-select";
import type { Prisma, PrismaClient } from "../db/prisma";
import { conflict, notFound } from "../errors/app-error";
import {
  assertVersion,
  auditClinical,
  denied,
  readableClientWhere,
  ruleUnmet,
  staleVersion,
  type Actor,
} from "../clinical/access";
import { live } from "../clinical/live";
import { getServiceTimeZone } from "../clinical/measures/settings-read";
import { lockCourse } from "../clinical/plan/course-write";
import { sessionWhen, sessionWhenSelect } from "../settings/service-time";

const ratingSelect = {
  id: true,
  sessionId: true,
  raterRole: true,
  scores: true,
  average: true,
  comment: true,
  version: true,
  updatedAt: true,
  rater: { select: personSelect },
  raterExternal: true,
} satisfies Prisma.FidelityRatingSelect;

type RatingRow = Prisma.FidelityRatingGetPayload<{ select: typeof ratingSelect }>;

/** A parsed fidelityRatingRequest (the comment trimmed, "" when left out). */
export interface RatingInput {
  version: number;
  scores: FidelityScores;
  comment: string;
}

function toFidelityRating(row: RatingRow): FidelityRating {
  return {
    id: row.id,
    sessionId: row.sessionId,
    rater: recordAuthorOf(row.rater, row.raterExternal),
    raterRole: row.raterRole,
    // Stored only through rateSession, which validated it; parsing keeps the wire type honest.
    scores: fidelityScores.parse(row.scores),
    average: row.average,
    comment: row.comment,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Mean of the ratings' averages to two decimals; null when none has one. */
function meanOfAverages(ratings: { average: number | null }[]): number | null {
  const averages = ratings.map((r) => r.average).filter((a): a is number => a !== null);
  if (averages.length === 0) return null;
  return Math.round((averages.reduce((a, b) => a + b, 0) / averages.length) * 100) / 100;
}

/** The names of what a save changes: each item whose score differs, and the comment. */
function changedFields(before: Omit<RatingInput, "version"> | null, after: RatingInput) {
  const items = fidelityItemKeys.filter((key) => before?.scores[key] !== after.scores[key]);
  const commentChanged = (before?.comment ?? "") !== after.comment;
  return [...items.map((key) => `scores.${key}`), ...(commentChanged ? ["comment"] : [])];
}

/**
 * Saves the actor's own rating of a held session: as "self" if they are the client's therapist, as
 * "supervisor" if they supervise that therapist. Version 0 creates it (409 if they rated it already);
 * otherwise the version must be the one they read (409 stale, nothing changed).
 */
export async function rateSession(
  prisma: PrismaClient,
  actor: Actor,
  sessionId: string,
  request: RatingInput,
): Promise<FidelityRating> {
  // Access (the therapist, or a supervisor whose assignment exists now) and the client's therapist in one query.
  const found = await prisma.therapySession.findFirst({
    where: { id: sessionId, ...live, course: { client: readableClientWhere(actor) } },
    select: { courseId: true, course: { select: { client: { select: { therapistId: true } } } } },
  });
  if (!found) throw await denied(prisma, actor, "therapy_session", sessionId, "The session");
  const therapistId = found.course.client.therapistId;
  const raterRole: FidelityRaterRole = therapistId === actor.userId ? "self" : "supervisor";

  return prisma.$transaction(async (tx) => {
    // Under the course lock the session's status cannot change while it is rated, and two saves by
    // one rater run one after the other.
    await lockCourse(tx, found.courseId);
    const session = await tx.therapySession.findUnique({
      where: { id: sessionId, ...live },
      select: { status: true },
    });
    if (!session) throw notFound("The session");
    if (session.status !== "held") {
      throw ruleUnmet("Only a held session can be rated.", [
        { item: "session_held", message: "This session has not been held, so there is nothing to rate yet." },
      ]);
    }
    const existing = await tx.fidelityRating.findUnique({
      where: { sessionId_raterId: { sessionId, raterId: actor.userId } },
      select: { id: true, scores: true, comment: true },
    });
    const before = existing
      ? { scores: fidelityScores.parse(existing.scores), comment: existing.comment }
      : null;
    // Only the item keys are stored (the route refuses any other key).
    const scores = Object.fromEntries(fidelityItemKeys.map((key) => [key, request.scores[key]]));
    const data = { scores, average: fidelityAverage(request.scores), comment: request.comment };

    let row: RatingRow;
    if (request.version === 0) {
      if (existing) {
        throw conflict(
          "You have already rated this session. Reload it to see your rating, then change it there.",
        );
      }
      row = await tx.fidelityRating.create({
        data: { ...data, sessionId, therapistId, raterId: actor.userId, raterRole },
        select: ratingSelect,
      });
    } else {
      if (!existing) throw staleVersion("This rating");
      const { count } = await tx.fidelityRating.updateMany({
        where: { id: existing.id, version: request.version },
        data: { ...data, version: { increment: 1 } },
      });
      await assertVersion(count, "This rating");
      row = await tx.fidelityRating.findUniqueOrThrow({ where: { id: existing.id }, select: ratingSelect });
    }
    await auditClinical(tx, actor, "fidelity.rated", "therapy_session", sessionId, {
      ratingId: row.id,
      raterRole,
      fields: changedFields(before, request),
    });
    return toFidelityRating(row);
  });
}

/**
 * A course's fidelity view for its therapist or an assigned supervisor (404 for anyone else, audited
 * as denied): every counted session with its ratings, disagreements, and whether it is in the review
 * sample and has been reviewed. One query for the course, its sessions and their ratings, one audit row.
 */
export async function getCourseFidelity(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
): Promise<CourseFidelity> {
  const course = await prisma.course.findFirst({
    where: { id: courseId, client: readableClientWhere(actor) },
    select: {
      id: true,
      client: { select: { therapist: { select: personSelect } } },
      sessions: {
        where: { number: { not: null }, ...live },
        select: {
          id: true,
          number: true,
          ...sessionWhenSelect,
          status: true,
          fidelityRatings: { select: ratingSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        },
        orderBy: { number: "asc" },
      },
    },
  });
  if (!course) throw await denied(prisma, actor, "course", courseId, "The course");
  await auditClinical(prisma, actor, "fidelity.viewed", "course", course.id);

  const sampled = new Set(reviewSample(course.id, course.sessions));
  const timeZone = await getServiceTimeZone(prisma);
  const selfRatings: FidelityRating[] = [];
  const supervisorRatings: FidelityRating[] = [];
  const sessions = course.sessions.map((session) => {
    const ratings = session.fidelityRatings.map(toFidelityRating);
    const self = ratings.find((r) => r.raterRole === "self") ?? null;
    const bySupervisors = ratings.filter((r) => r.raterRole === "supervisor");
    if (self) selfRatings.push(self);
    supervisorRatings.push(...bySupervisors);
    return {
      sessionId: session.id,
      number: session.number,
      ...sessionWhen(session, timeZone),
      status: session.status,
      selfRating: self,
      supervisorRatings: bySupervisors,
      // Only supervisors' ratings (a local supervisor's or one imported with the course) that differ
      // from the self-rating on at least one item.
      disagreements: self
        ? bySupervisors
            .map((r) => ({ ratingId: r.id, items: fidelityDisagreements(self.scores, r.scores) }))
            .filter((d) => d.items.length > 0)
        : [],
      sampled: sampled.has(session.id),
      reviewed: bySupervisors.length > 0,
    };
  });

  return {
    courseId: course.id,
    therapist: course.client.therapist,
    sessions,
    averages: { self: meanOfAverages(selfRatings), supervisor: meanOfAverages(supervisorRatings) },
    passMark: FIDELITY_PASS_MARK,
    viewerRole: course.client.therapist.id === actor.userId ? "self" : "supervisor",
  };
}
