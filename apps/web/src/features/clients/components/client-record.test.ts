import type { CourseSummary } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { clientChanges, newCourseOffer, openCourse, yearFrom } from "./client-record";

const client = {
  displayName: "J. K.",
  yearOfBirth: 1984,
  referralReason: "Low mood since the move.",
  workingDiagnosis: "",
  email: "jk@example.org",
};

const unchanged = {
  displayName: "J. K.",
  yearOfBirth: "1984",
  referralReason: "Low mood since the move.",
  workingDiagnosis: "",
  email: " JK@example.org ",
};

const course = (
  sequence: number,
  phase: CourseSummary["phase"],
  format: CourseSummary["format"] = "standard",
) =>
  ({
    id: `course-${sequence}`,
    sequence,
    format,
    phase,
    plannedSessions: 12,
    startDate: "2026-01-05",
    outcome: phase === "completed" ? "completed" : null,
  }) satisfies CourseSummary;

describe("yearFrom", () => {
  it("reads a blank field as no year, and anything else as a number for the schema to check", () => {
    expect(yearFrom("")).toBeNull();
    expect(yearFrom("  ")).toBeNull();
    expect(yearFrom(" 1984 ")).toBe(1984);
    expect(yearFrom("19x4")).toBeNaN();
  });
});

describe("clientChanges", () => {
  it("is empty when nothing was edited, ignoring surrounding spaces", () => {
    expect(clientChanges(client, unchanged)).toEqual({});
    expect(clientChanges(client, { ...unchanged, displayName: "  J. K. " })).toEqual({});
  });

  it("sends only the edited fields", () => {
    expect(clientChanges(client, { ...unchanged, workingDiagnosis: "Major depressive episode" })).toEqual({
      workingDiagnosis: "Major depressive episode",
    });
    expect(clientChanges(client, { ...unchanged, displayName: "JK", referralReason: "Grief" })).toEqual({
      displayName: "JK",
      referralReason: "Grief",
    });
  });

  it("clears the year of birth with null, and passes a bad year on for validation", () => {
    expect(clientChanges(client, { ...unchanged, yearOfBirth: "" })).toEqual({ yearOfBirth: null });
    expect(clientChanges({ ...client, yearOfBirth: null }, { ...unchanged, yearOfBirth: "" })).toEqual({});
    expect(clientChanges(client, { ...unchanged, yearOfBirth: "abc" }).yearOfBirth).toBeNaN();
  });

  it("sends a changed email address, clears a blank one with null, and ignores case and spaces", () => {
    expect(clientChanges(client, { ...unchanged, email: "kj@example.org" })).toEqual({
      email: "kj@example.org",
    });
    expect(clientChanges(client, { ...unchanged, email: "  " })).toEqual({ email: null });
    expect(clientChanges({ ...client, email: null }, { ...unchanged, email: "" })).toEqual({});
  });

  it("keeps a field emptied on purpose, so the schema can say it is required", () => {
    expect(clientChanges(client, { ...unchanged, displayName: " " })).toEqual({ displayName: " " });
  });
});

describe("openCourse and newCourseOffer", () => {
  it("offers the first course to a client without one", () => {
    expect(openCourse([])).toBeNull();
    expect(newCourseOffer([])).toEqual({ kind: "first", sequence: 1, defaultFormat: "standard" });
  });

  it("offers nothing while the latest course is open, in any phase before completion", () => {
    for (const phase of ["initial", "middle", "termination"] as const) {
      const courses = [course(1, "completed"), course(2, phase)];
      expect(openCourse(courses)?.id).toBe("course-2");
      expect(newCourseOffer(courses)).toBeNull();
    }
  });

  it("offers a further course once every course is completed, in the latest course's format", () => {
    const courses = [course(1, "completed"), course(2, "completed", "ipt_b")];
    expect(openCourse(courses)).toBeNull();
    expect(newCourseOffer(courses)).toEqual({ kind: "further", sequence: 3, defaultFormat: "ipt_b" });
  });
});
