// The sessions proposed for a supervisor's formal review of a course: REVIEW_SAMPLE_SIZE of its
// counted sessions "at random" (UK Level B [S26g]). The choice is a hash of the course and session
// ids, so it is the same on every read without storing anything, and a plan edit that keeps a
// session keeps its place in the sample.
import { REVIEW_SAMPLE_SIZE } from "./fidelity";

/** FNV-1a, 32-bit: a fixed, well-spread hash of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The ids of the sessions to review, in session order. Cancelled sessions (no number) are never chosen. */
export function reviewSample(
  courseId: string,
  sessions: { id: string; number: number | null }[],
  size = REVIEW_SAMPLE_SIZE,
): string[] {
  const counted = sessions.filter((s): s is { id: string; number: number } => s.number !== null);
  return counted
    .map((s) => ({ ...s, rank: fnv1a(`${courseId}:${s.id}`) }))
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id))
    .slice(0, size)
    .sort((a, b) => a.number - b.number)
    .map((s) => s.id);
}
