// Writing what fhir/supervision.ts reads back, inside the import's one transaction. Attribution as for
// the rest of the import (docs/decisions/018): what the therapist's side wrote — threads the therapist
// opened, the therapist's messages, resolutions, self-ratings — is the assigned therapist's; what a
// supervisor wrote — threads a supervisor opened, a supervisor's messages, supervisors' fidelity
// ratings — keeps its author as the Bundle named them (a user identifier of the exporting instance, the
// row's `…External` column) and no local user: this instance has no such user, and a supervisor's words
// are never re-attributed to someone who did not write them.
import { fidelityAverage } from "@ipt/shared";
import type { Tx } from "../db/prisma";
import type { ImportedCourse } from "./bundle-reader";
import { orderedIds } from "./import-inventory";

/** The local user for the therapist's side, or the external reference for a supervisor's record. */
const authorColumns = (external: string | null, therapistId: string) =>
  external === null ? { id: therapistId, external: null } : { id: null, external };

export async function writeSupervision(
  tx: Tx,
  read: Pick<ImportedCourse, "supervision">,
  ids: { courseId: string; therapistId: string; sessionIdOf: (sourceId: string) => string },
): Promise<void> {
  const { threads } = read.supervision;
  const threadIds = orderedIds(threads.length);
  for (const [index, thread] of threads.entries()) {
    const opener = authorColumns(thread.openedByExternal, ids.therapistId);
    const messageIds = orderedIds(thread.messages.length);
    await tx.reviewThread.create({
      data: {
        id: threadIds[index] ?? "",
        courseId: ids.courseId,
        sessionId: thread.sessionSourceId ? ids.sessionIdOf(thread.sessionSourceId) : null,
        target: thread.target,
        kind: thread.kind,
        openedById: opener.id,
        openedByExternal: opener.external,
        openedByRole: thread.openedByRole,
        // Only the therapist resolves a thread.
        resolvedAt: thread.resolvedAt ? new Date(thread.resolvedAt) : null,
        resolvedById: thread.resolvedAt ? ids.therapistId : null,
        resolution: thread.resolution,
        createdAt: new Date(thread.createdAt),
        messages: {
          create: thread.messages.map((message, at) => {
            const author = authorColumns(message.authorExternal, ids.therapistId);
            return {
              id: messageIds[at] ?? "",
              authorId: author.id,
              authorExternal: author.external,
              authorRole: message.authorRole,
              body: message.body,
              createdAt: new Date(message.createdAt),
            };
          }),
        },
      },
    });
  }
  const ratings = read.supervision.fidelityRatings;
  const ratingIds = orderedIds(ratings.length);
  await tx.fidelityRating.createMany({
    data: ratings.map((rating, index) => {
      const rater = authorColumns(rating.raterExternal, ids.therapistId);
      return {
        id: ratingIds[index] ?? "",
        sessionId: ids.sessionIdOf(rating.sessionSourceId),
        therapistId: ids.therapistId,
        raterId: rater.id,
        raterExternal: rater.external,
        raterRole: rating.raterRole,
        scores: rating.scores,
        average: fidelityAverage(rating.scores),
        comment: rating.comment,
        createdAt: new Date(rating.createdAt),
        updatedAt: new Date(rating.updatedAt),
      };
    }),
  });
}
