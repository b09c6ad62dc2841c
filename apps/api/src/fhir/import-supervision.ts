// Writing what fhir/supervision.ts reads back, inside the import's one transaction. Attribution as for
// the rest of the import (docs/decisions/018): what the therapist's side wrote — threads the therapist
// opened, the therapist's messages, resolutions, self-ratings — is attributed to the assigned therapist;
// what a supervisor wrote — threads a supervisor opened (with every message in them), a supervisor's
// messages, supervisors' fidelity ratings — is not imported, as co-signatures are not: this instance has
// no such user, and a supervisor's words cannot be re-attributed to someone who did not write them.
import { fidelityAverage } from "@ipt/shared";
import type { Tx } from "../db/prisma";
import type { ImportedCourse } from "./bundle-reader";
import { orderedIds } from "./import-inventory";

export async function writeSupervision(
  tx: Tx,
  read: Pick<ImportedCourse, "supervision">,
  ids: { courseId: string; therapistId: string; sessionIdOf: (sourceId: string) => string },
): Promise<void> {
  const threads = read.supervision.threads.filter((thread) => thread.openedByRole === "therapist");
  const threadIds = orderedIds(threads.length);
  for (const [index, thread] of threads.entries()) {
    const messages = thread.messages.filter((message) => message.authorRole === "therapist");
    const messageIds = orderedIds(messages.length);
    await tx.reviewThread.create({
      data: {
        id: threadIds[index] ?? "",
        courseId: ids.courseId,
        sessionId: thread.sessionSourceId ? ids.sessionIdOf(thread.sessionSourceId) : null,
        target: thread.target,
        kind: thread.kind,
        openedById: ids.therapistId,
        openedByRole: "therapist",
        resolvedAt: thread.resolvedAt ? new Date(thread.resolvedAt) : null,
        resolvedById: thread.resolvedAt ? ids.therapistId : null,
        resolution: thread.resolution,
        createdAt: new Date(thread.createdAt),
        messages: {
          create: messages.map((message, at) => ({
            id: messageIds[at] ?? "",
            authorId: ids.therapistId,
            authorRole: "therapist" as const,
            body: message.body,
            createdAt: new Date(message.createdAt),
          })),
        },
      },
    });
  }
  const ratings = read.supervision.fidelityRatings.filter((rating) => rating.raterRole === "self");
  const ratingIds = orderedIds(ratings.length);
  await tx.fidelityRating.createMany({
    data: ratings.map((rating, index) => ({
      id: ratingIds[index] ?? "",
      sessionId: ids.sessionIdOf(rating.sessionSourceId),
      therapistId: ids.therapistId,
      raterId: ids.therapistId,
      raterRole: "self" as const,
      scores: rating.scores,
      average: fidelityAverage(rating.scores),
      comment: rating.comment,
      createdAt: new Date(rating.createdAt),
      updatedAt: new Date(rating.updatedAt),
    })),
  });
}
