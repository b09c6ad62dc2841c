// The pure rules of the client page: what an edit changes, and whether (and which) new course can
// be started. The server has the last word (PATCH validates; POST answers 409 while a course is open).
import type { ClientDetail, CourseFormat, CourseSummary, UpdateClientRequest } from "@ipt/shared";

/** The edit form's fields, as typed. */
export interface ClientFormValues {
  displayName: string;
  yearOfBirth: string;
  referralReason: string;
  workingDiagnosis: string;
  email: string;
}

type EditableClient = Pick<
  ClientDetail,
  "displayName" | "yearOfBirth" | "referralReason" | "workingDiagnosis" | "email"
>;
export type ClientChanges = Omit<UpdateClientRequest, "version">;

/** "" → null (left blank); anything else goes to the shared schema, which wants a whole year. */
export function yearFrom(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : Number(trimmed);
}

/**
 * Only the fields that differ from `base` (the record the form was opened with), so the audit
 * trail names just what was edited. Text is compared trimmed, as the server stores it; an empty
 * result means there is nothing to save.
 */
export function clientChanges(base: EditableClient, values: ClientFormValues): ClientChanges {
  const changes: ClientChanges = {};
  if (values.displayName.trim() !== base.displayName) changes.displayName = values.displayName;
  const year = yearFrom(values.yearOfBirth);
  if (year !== base.yearOfBirth) changes.yearOfBirth = year;
  if (values.referralReason.trim() !== base.referralReason) changes.referralReason = values.referralReason;
  if (values.workingDiagnosis.trim() !== base.workingDiagnosis) {
    changes.workingDiagnosis = values.workingDiagnosis;
  }
  // Blank clears it; the server stores it lower-cased, so compare the same way.
  const email = values.email.trim().toLowerCase() || null;
  if (email !== base.email) changes.email = email;
  return changes;
}

/** The course still open, if any: only the latest course can be, until it is completed. */
export function openCourse(courses: readonly CourseSummary[]): CourseSummary | null {
  const latest = courses.at(-1);
  return latest && latest.phase !== "completed" ? latest : null;
}

export interface NewCourseOffer {
  /** "first": no course yet. "further": every course is completed; the next is a new contract. */
  kind: "first" | "further";
  /** The number the new course will have. */
  sequence: number;
  /** Pre-selected format: the latest course's, else standard IPT. */
  defaultFormat: CourseFormat;
}

/** Whether a new course can be started now (null while one is open), and what kind it would be. */
export function newCourseOffer(courses: readonly CourseSummary[]): NewCourseOffer | null {
  if (openCourse(courses)) return null;
  const latest = courses.at(-1);
  return latest
    ? { kind: "further", sequence: latest.sequence + 1, defaultFormat: latest.format }
    : { kind: "first", sequence: 1, defaultFormat: "standard" };
}
