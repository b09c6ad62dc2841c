// Invented records for the feature's unit tests, parsed with the shared schemas so they have the
// shape the API sends.
import {
  courseFidelity,
  fidelityItemKeys,
  fidelityRating,
  type CourseFidelity,
  type FidelityRating,
  type FidelityScores,
  importedAuthorName,
  type RecordAuthor,
  type SessionFidelity,
} from "@ipt/shared";
import { sessionWhenOn } from "../../test/session-when";

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const COURSE_ID = uuid(1);
export const sessionIdOf = (number: number) => uuid(100 + number);

export const THERAPIST = { id: uuid(2), name: "Tess Marlowe", email: "tess@example.org", external: null };
export const SUPERVISOR = { id: uuid(3), name: "Sam Okafor", email: "sam@example.org", external: null };
export const OTHER_SUPERVISOR = { id: uuid(4), name: "Ravi Lund", email: "ravi@example.org", external: null };
/** A supervisor of the instance a course was imported from, named by their user identifier there. */
export const IMPORTED_SUPERVISOR: RecordAuthor = {
  id: null,
  name: importedAuthorName(uuid(44)),
  email: "",
  external: uuid(44),
};

/** Every item rated `value`, with `patch` on top. */
export function scores(value: number | null, patch: Partial<FidelityScores> = {}): FidelityScores {
  return { ...(Object.fromEntries(fidelityItemKeys.map((key) => [key, value])) as FidelityScores), ...patch };
}

export function rating(
  rater: RecordAuthor,
  raterRole: "self" | "supervisor",
  ratingScores: FidelityScores,
  extra: Partial<FidelityRating> = {},
): FidelityRating {
  const rated = Object.values(ratingScores).filter((v): v is number => v !== null);
  return fidelityRating.parse({
    id: uuid(rater === THERAPIST ? 700 : rater === SUPERVISOR ? 800 : 900),
    sessionId: sessionIdOf(2),
    rater,
    raterRole,
    scores: ratingScores,
    average: rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 100) / 100 : null,
    comment: "",
    version: 1,
    updatedAt: "2026-09-10T10:00:00.000Z",
    ...extra,
  });
}

export function sessionFidelity(number: number, extra: Partial<SessionFidelity> = {}): SessionFidelity {
  return {
    sessionId: sessionIdOf(number),
    number,
    ...sessionWhenOn(`2026-09-${String(number).padStart(2, "0")}`),
    status: "held",
    selfRating: null,
    supervisorRatings: [],
    disagreements: [],
    sampled: false,
    reviewed: false,
    ...extra,
  };
}

export function fidelityOf(sessions: SessionFidelity[], extra: Partial<CourseFidelity> = {}): CourseFidelity {
  return courseFidelity.parse({
    courseId: COURSE_ID,
    therapist: THERAPIST,
    sessions,
    averages: { self: null, supervisor: null },
    passMark: 3,
    viewerRole: "supervisor",
    ...extra,
  });
}
