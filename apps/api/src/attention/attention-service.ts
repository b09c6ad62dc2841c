// The therapist's "needs your attention" list across the open courses of their active clients: risk
// flags still waiting for a safety follow-up, open change requests, comment threads where a supervisor
// wrote last, and held or no-show sessions not yet signed. A fixed number of queries however large the
// caseload: the courses, then flags, threads (with their messages' authors) and sessions at once.
import { attentionKinds, type AttentionItem, type AttentionResponse, type RecordAuthor } from "@ipt/shared";
import { recordAudit } from "../audit/audit-log";
import { personSelect, recordAuthorOf } from "../db/person-select";
import type { PrismaClient } from "../db/prisma";
import type { Actor } from "../clinical/access";
import { live, onLiveSession } from "../clinical/live";
import { required } from "../errors/required";
import { unseenCaseloadAccessChanges } from "../users/caseload-access";

interface Message {
  authorRole: "therapist" | "supervisor";
  author: RecordAuthor;
  createdAt: Date;
}

/** Who has been waiting since when: the supervisors' messages after the therapist last wrote. */
function awaitingReply(messages: readonly Message[]): { from: RecordAuthor; since: Date } | null {
  const lastTherapist = messages.findLastIndex((message) => message.authorRole === "therapist");
  const unanswered = messages.slice(lastTherapist + 1);
  const first = unanswered[0];
  const last = unanswered.at(-1);
  return first && last ? { from: last.author, since: first.createdAt } : null;
}

const kindRank = (item: AttentionItem) => attentionKinds.indexOf(item.kind);
const tieBreak = (item: AttentionItem) => item.threadId ?? item.sessionId ?? item.courseId;

export async function listAttention(prisma: PrismaClient, actor: Actor): Promise<AttentionResponse> {
  const courses = await prisma.course.findMany({
    where: { phase: { not: "completed" }, client: { therapistId: actor.userId, status: "active" } },
    select: { id: true, client: { select: { id: true, displayName: true } } },
  });
  const courseIds = courses.map((course) => course.id);
  const clientOf = new Map(courses.map((course) => [course.id, course.client]));
  const inCourses = { courseId: { in: courseIds } };

  const [riskFlags, threads, sessions] = await Promise.all([
    prisma.riskFlag.findMany({
      where: { ...inCourses, resolvedAt: null },
      select: {
        courseId: true,
        sessionId: true,
        session: { select: { number: true } },
        raisedAt: true,
        // Whether there is one, not how many: a flag has a handful at most.
        followUps: { select: { id: true }, take: 1 },
      },
    }),
    prisma.reviewThread.findMany({
      where: { ...inCourses, resolvedAt: null, ...onLiveSession },
      select: {
        id: true,
        courseId: true,
        sessionId: true,
        session: { select: { number: true } },
        target: true,
        kind: true,
        createdAt: true,
        messages: {
          select: {
            authorRole: true,
            createdAt: true,
            author: { select: personSelect },
            authorExternal: true,
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        },
      },
    }),
    prisma.therapySession.findMany({
      where: { ...inCourses, status: { in: ["held", "no_show"] }, signedAt: null, ...live },
      select: { id: true, courseId: true, number: true, plannedDate: true },
    }),
  ]);

  const item = (courseId: string, fields: Omit<AttentionItem, "client" | "courseId">): AttentionItem => ({
    client: required(clientOf.get(courseId), `the client of course ${courseId}`),
    courseId,
    ...fields,
  });
  const record = { target: null, threadId: null, from: null } as const;

  const items: AttentionItem[] = [
    ...riskFlags
      .filter((flag) => flag.followUps.length === 0)
      .map((flag) =>
        item(flag.courseId, {
          ...record,
          kind: "risk_follow_up",
          sessionId: flag.sessionId,
          sessionNumber: flag.session.number,
          since: flag.raisedAt.toISOString(),
        }),
      ),
    ...threads.flatMap((row) => {
      // A supervisor's message imported from another instance names its author by reference only.
      const thread = {
        ...row,
        messages: row.messages.map(({ author, authorExternal, ...message }) => ({
          ...message,
          author: recordAuthorOf(author, authorExternal),
        })),
      };
      const about = {
        sessionId: thread.sessionId,
        sessionNumber: thread.session?.number ?? null,
        target: thread.target,
        threadId: thread.id,
      };
      if (thread.kind === "change_request") {
        const supervisor = thread.messages.findLast((message) => message.authorRole === "supervisor");
        return [
          item(thread.courseId, {
            ...about,
            kind: "change_request",
            from: supervisor?.author ?? null,
            since: thread.createdAt.toISOString(),
          }),
        ];
      }
      const waiting = awaitingReply(thread.messages);
      if (!waiting) return [];
      return [
        item(thread.courseId, {
          ...about,
          kind: "comment",
          from: waiting.from,
          since: waiting.since.toISOString(),
        }),
      ];
    }),
    ...sessions.map((session) =>
      item(session.courseId, {
        ...record,
        kind: "unsigned_session",
        sessionId: session.id,
        sessionNumber: session.number,
        since: session.plannedDate.toISOString(),
      }),
    ),
  ];
  items.sort(
    (a, b) =>
      kindRank(a) - kindRank(b) || a.since.localeCompare(b.since) || tieBreak(a).localeCompare(tieBreak(b)),
  );

  const caseloadAccessChanges = await unseenCaseloadAccessChanges(prisma, actor.userId);
  await recordAudit(prisma, actor.audit, { action: "attention.viewed", details: { count: items.length } });
  return { items, caseloadAccessChanges };
}
