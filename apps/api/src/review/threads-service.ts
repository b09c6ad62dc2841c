// Review threads: comments and change requests about a course's formulation, its plan or one session.
// The course's therapist and the supervisors assigned to that therapist read and write them; anyone
// else gets the audited 404 (clinical/access.ts). Supervisors open comments and change requests, the
// therapist opens comments; both reply; only the therapist resolves. Threads and messages are never
// edited or deleted. Audit rows carry ids, the target and the kind — never message text.
import type {
  AuditAction,
  OpenReviewThreadRequest,
  ResolveReviewThreadRequest,
  ReviewAuthorRole,
  ReviewReplyRequest,
  ReviewThread,
  ReviewThreadsQuery,
  ReviewThreadsResponse,
} from "@ipt/shared";
import type { Db, Prisma, PrismaClient } from "../db/prisma";
import { AppError, conflict } from "../errors/app-error";
import { auditClinical, denied, readableClientWhere, staleVersion, type Actor } from "../clinical/access";
import { live, onLiveSession } from "../clinical/live";
import { byReviewOrder, threadSelect, toReviewThread } from "./thread-wire";

/** The therapist writes as "therapist"; anyone else who got past readableClientWhere is an assigned supervisor. */
const roleOf = (actor: Actor, therapistId: string): ReviewAuthorRole =>
  therapistId === actor.userId ? "therapist" : "supervisor";

interface ThreadKey {
  id: string;
  courseId: string;
  sessionId: string | null;
  target: ReviewThread["target"];
  kind: ReviewThread["kind"];
}

function auditThread(db: Db, actor: Actor, action: AuditAction, thread: ThreadKey) {
  return auditClinical(db, actor, action, "review_thread", thread.id, {
    courseId: thread.courseId,
    ...(thread.sessionId ? { sessionId: thread.sessionId } : {}),
    target: thread.target,
    kind: thread.kind,
  });
}

/** The course's id and therapist if the actor may read it; otherwise the audited 404. */
async function readableCourse(prisma: PrismaClient, actor: Actor, courseId: string) {
  const course = await prisma.course.findFirst({
    where: { id: courseId, client: readableClientWhere(actor) },
    select: { id: true, client: { select: { therapistId: true } } },
  });
  if (!course) throw await denied(prisma, actor, "course", courseId, "The course");
  return { id: course.id, therapistId: course.client.therapistId };
}

/** The thread's key and its course's therapist if the actor may read it; otherwise the audited 404. */
async function readableThread(prisma: PrismaClient, actor: Actor, threadId: string) {
  const thread = await prisma.reviewThread.findFirst({
    where: { id: threadId, ...onLiveSession, course: { client: readableClientWhere(actor) } },
    select: {
      id: true,
      courseId: true,
      sessionId: true,
      target: true,
      kind: true,
      course: { select: { client: { select: { therapistId: true } } } },
    },
  });
  if (!thread) throw await denied(prisma, actor, "review_thread", threadId, "The thread");
  const { course, ...key } = thread;
  return { key, therapistId: course.client.therapistId };
}

/** A course's threads, filtered as asked: one query tree for the access check, threads, messages and people. */
export async function listThreads(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  query: ReviewThreadsQuery,
): Promise<ReviewThreadsResponse> {
  const where: Prisma.ReviewThreadWhereInput = {
    ...onLiveSession,
    ...(query.target ? { target: query.target } : {}),
    ...(query.sessionId ? { sessionId: query.sessionId } : {}),
    ...(query.status ? { resolvedAt: query.status === "open" ? null : { not: null } } : {}),
  };
  const course = await prisma.course.findFirst({
    where: { id: courseId, client: readableClientWhere(actor) },
    select: { id: true, reviewThreads: { where, select: threadSelect } },
  });
  if (!course) throw await denied(prisma, actor, "course", courseId, "The course");
  const items = course.reviewThreads.sort(byReviewOrder).map(toReviewThread);
  await auditClinical(prisma, actor, "review_threads.viewed", "course", course.id, { count: items.length });
  return { items };
}

/**
 * Opens a thread with its first message, in one transaction. A therapist may only comment (403 for a
 * change request); a session thread must name a session of this course (404 otherwise, audited).
 */
export async function openThread(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: OpenReviewThreadRequest,
): Promise<ReviewThread> {
  const course = await readableCourse(prisma, actor, courseId);
  const role = roleOf(actor, course.therapistId);
  if (request.kind === "change_request" && role !== "supervisor") {
    throw new AppError("forbidden", "Only a supervisor can request changes. Add a comment instead.");
  }
  if (request.sessionId) {
    const session = await prisma.therapySession.findFirst({
      where: { id: request.sessionId, courseId: course.id, ...live },
      select: { id: true },
    });
    if (!session) throw await denied(prisma, actor, "therapy_session", request.sessionId, "The session");
  }
  return prisma.$transaction(async (tx) => {
    const row = await tx.reviewThread.create({
      data: {
        courseId: course.id,
        sessionId: request.sessionId ?? null,
        target: request.target,
        kind: request.kind,
        openedById: actor.userId,
        openedByRole: role,
        messages: { create: { authorId: actor.userId, authorRole: role, body: request.body } },
      },
      select: threadSelect,
    });
    await auditThread(tx, actor, "review_thread.opened", row);
    return toReviewThread(row);
  });
}

/** Adds a message to an open thread (409 once resolved: a new thread carries the conversation on). */
export async function replyToThread(
  prisma: PrismaClient,
  actor: Actor,
  threadId: string,
  request: ReviewReplyRequest,
): Promise<ReviewThread> {
  const { key, therapistId } = await readableThread(prisma, actor, threadId);
  return prisma.$transaction(async (tx) => {
    // Bumping the version under the row lock orders a reply against a resolve: a reply after the
    // resolve is refused, and a resolve naming the version read before this reply is stale.
    const { count } = await tx.reviewThread.updateMany({
      where: { id: threadId, resolvedAt: null },
      data: { version: { increment: 1 } },
    });
    if (count === 0) throw conflict("This thread is resolved. Open a new thread to continue.");
    await tx.reviewMessage.create({
      data: { threadId, authorId: actor.userId, authorRole: roleOf(actor, therapistId), body: request.body },
    });
    const row = await tx.reviewThread.findUniqueOrThrow({ where: { id: threadId }, select: threadSelect });
    await auditThread(tx, actor, "review_thread.replied", key);
    return toReviewThread(row);
  });
}

/**
 * The therapist resolves a thread, naming the version they read (409 if stale or already resolved).
 * A supervisor gets 403: they reply or open a new thread instead.
 */
export async function resolveThread(
  prisma: PrismaClient,
  actor: Actor,
  threadId: string,
  request: ResolveReviewThreadRequest,
): Promise<ReviewThread> {
  const { key, therapistId } = await readableThread(prisma, actor, threadId);
  if (therapistId !== actor.userId) {
    throw new AppError("forbidden", "Only the client's therapist can resolve a thread. Add a reply instead.");
  }
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.reviewThread.updateMany({
      where: { id: threadId, version: request.version, resolvedAt: null },
      data: {
        resolvedAt: new Date(),
        resolvedById: actor.userId,
        resolution: request.resolution || null,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await tx.reviewThread.findUniqueOrThrow({
        where: { id: threadId },
        select: { resolvedAt: true },
      });
      throw current.resolvedAt ? conflict("This thread is already resolved.") : staleVersion("This thread");
    }
    const row = await tx.reviewThread.findUniqueOrThrow({ where: { id: threadId }, select: threadSelect });
    await auditThread(tx, actor, "review_thread.resolved", key);
    return toReviewThread(row);
  });
}
