// Invented threads for the feature's unit tests, parsed with the shared
// schemas so they have the shape the API sends.
import { reviewThread, type ReviewThread } from "@ipt/shared";

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const COURSE_ID = uuid(1);
export const SESSION_ID = uuid(102);

export const THERAPIST = { id: uuid(2), name: "Tess Marlowe", email: "tess@example.org", external: null };
export const SUPERVISOR = { id: uuid(3), name: "Sam Okafor", email: "sam@example.org", external: null };

export function thread(n: number, extra: Partial<ReviewThread> = {}): ReviewThread {
  return reviewThread.parse({
    id: uuid(500 + n),
    courseId: COURSE_ID,
    target: "session",
    sessionId: SESSION_ID,
    sessionNumber: 2,
    kind: "comment",
    status: "open",
    openedBy: SUPERVISOR,
    openedByRole: "supervisor",
    messages: [
      {
        id: uuid(600 + n * 10),
        author: SUPERVISOR,
        authorRole: "supervisor",
        body: "Invented: how did the role play go?",
        createdAt: "2026-09-10T10:00:00.000Z",
      },
    ],
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
    version: 1,
    createdAt: "2026-09-10T10:00:00.000Z",
    updatedAt: "2026-09-10T10:00:00.000Z",
    ...extra,
  });
}
