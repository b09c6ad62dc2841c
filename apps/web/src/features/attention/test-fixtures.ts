// Invented attention items for the feature's unit tests, parsed with the shared schema so they have
// the shape the API sends.
import { attentionItem, type AttentionItem } from "@ipt/shared";

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const COURSE_ID = uuid(1);
export const SESSION_ID = uuid(102);
export const SUPERVISOR = { id: uuid(3), name: "Sam Okafor", email: "sam@example.org", external: null };

export function attention(kind: AttentionItem["kind"], extra: Partial<AttentionItem> = {}): AttentionItem {
  return attentionItem.parse({
    kind,
    client: { id: uuid(9), displayName: "Client A" },
    courseId: COURSE_ID,
    sessionId: null,
    sessionNumber: null,
    target: null,
    threadId: null,
    from: null,
    since: "2026-09-10T10:00:00.000Z",
    ...extra,
  });
}
