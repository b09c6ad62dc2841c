import { reviewSample } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf, voidElements } from "../../../test/static-render";
import { course, COURSE_ID } from "../test-fixtures";
import { CourseReview, ReviewSessionsTable } from "./course-review";

describe("CourseReview (a supervisor's read-only course)", () => {
  const data = course();
  const html = renderHtml(<CourseReview course={data} />);

  it("has nothing that changes the record: no buttons, forms or fields", () => {
    expect(elements(html, "button")).toEqual([]);
    expect(elements(html, "form")).toEqual([]);
    expect(voidElements(html, "input")).toEqual([]);
    expect(elements(html, "textarea")).toEqual([]);
  });

  it("shows where the course stands, its contract and time limit, and its focus", () => {
    const text = textOf(html);
    expect(text).toContain("Phase Middle phase");
    expect(text).toContain("Sessions 12 sessions, weekly on Tuesdays at 09:00, 50 minutes each");
    expect(text).toContain("Termination Starts at session 10");
    expect(text).toContain("Primary problem area Role transition");
    expect(text).toContain("Formulation Invented: low mood since the move to a new city.");
  });

  it("summarises the measures and links to the scores and risk page", () => {
    expect(textOf(html)).toContain("Latest PHQ-9 9 (Mild), session 4");
    const link = elements(html, "a").find((a) => a.text === "Scores and risk");
    expect(link?.attrs.href).toBe(`/courses/${COURSE_ID}/measures`);
  });

  it("waits for the fidelity ratings in their own section", () => {
    expect(elements(html, "h2").map((h2) => h2.text)).toEqual(["Course", "Measures", "Sessions", "Fidelity"]);
    expect(textOf(html)).toContain("Loading the fidelity ratings…");
  });
});

describe("ReviewSessionsTable", () => {
  const data = course();
  const html = renderHtml(<ReviewSessionsTable course={data} />);
  const rows = elements(elements(html, "tbody")[0]?.inner ?? "", "tr");

  it("links every session to its read-only record, not to the therapist's page", () => {
    expect(elements(html, "caption")[0]?.text).toBe("Sessions of the course");
    const links = elements(html, "a");
    expect(links.map((a) => a.text)).toEqual(
      data.sessions.map((s) => (s.number === null ? "Cancelled session" : `Session ${s.number}`)),
    );
    expect(links.map((a) => a.attrs.href)).toEqual(data.sessions.map((s) => `/review/sessions/${s.id}`));
  });

  it("marks, in words, the 3 sessions proposed for review (the same sample as the API's)", () => {
    const sampled = new Set(reviewSample(data.id, data.sessions));
    expect(sampled.size).toBe(3);
    const marked = rows.filter((row) => row.text.includes("Proposed for review"));
    expect(marked.map((row) => elements(row.inner, "a")[0]?.attrs.href)).toEqual(
      data.sessions.filter((s) => sampled.has(s.id)).map((s) => `/review/sessions/${s.id}`),
    );
    expect(marked.every((row) => row.attrs.class === "row--sampled")).toBe(true);
    expect(rows.filter((row) => row.attrs.class === "row--sampled")).toHaveLength(3);
  });
});
