// The one select a review thread is read with (its messages and every person named in one query
// tree, whatever the number of threads) and its mapping to the shared reviewThread wire shape.
import type { ReviewThread } from "@ipt/shared";
import { personSelect, recordAuthorOf } from "../db/person-select";
import type { Prisma } from "../db/prisma";

export const threadSelect = {
  id: true,
  courseId: true,
  sessionId: true,
  session: { select: { number: true } },
  target: true,
  kind: true,
  openedBy: { select: personSelect },
  openedByExternal: true,
  openedByRole: true,
  resolvedAt: true,
  resolvedBy: { select: personSelect },
  resolution: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  messages: {
    select: {
      id: true,
      author: { select: personSelect },
      authorExternal: true,
      authorRole: true,
      body: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.ReviewThreadSelect;

export type ThreadRow = Prisma.ReviewThreadGetPayload<{ select: typeof threadSelect }>;

export function toReviewThread(row: ThreadRow): ReviewThread {
  return {
    id: row.id,
    courseId: row.courseId,
    target: row.target,
    sessionId: row.sessionId,
    sessionNumber: row.session?.number ?? null,
    kind: row.kind,
    status: row.resolvedAt ? "resolved" : "open",
    openedBy: recordAuthorOf(row.openedBy, row.openedByExternal),
    openedByRole: row.openedByRole,
    messages: row.messages.map((message) => ({
      id: message.id,
      author: recordAuthorOf(message.author, message.authorExternal),
      authorRole: message.authorRole,
      body: message.body,
      createdAt: message.createdAt.toISOString(),
    })),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedBy,
    resolution: row.resolution,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Open threads first (oldest first), then resolved ones (most recently resolved first). */
export function byReviewOrder(a: ThreadRow, b: ThreadRow): number {
  if (!a.resolvedAt !== !b.resolvedAt) return a.resolvedAt ? 1 : -1;
  const time =
    a.resolvedAt && b.resolvedAt
      ? b.resolvedAt.getTime() - a.resolvedAt.getTime()
      : a.createdAt.getTime() - b.createdAt.getTime();
  return time || a.id.localeCompare(b.id);
}
