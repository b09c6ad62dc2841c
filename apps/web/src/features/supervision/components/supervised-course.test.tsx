import { reviewSample } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { definitionOf, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { course, COURSE_ID } from "../test-fixtures";
import { SupervisedCourse, SupervisedSessionsTable } from "./supervised-course";

describe("SupervisedCourse (a supervisor's read-only course)", () => {
  const data = course();
  const renderCourse = () =>
    renderWithProviders(
      <SupervisedCourse course={data} fidelity={<p>The fidelity ratings (composed by the page).</p>} />,
    );

  it("has nothing that changes the record: no buttons, forms or fields", () => {
    const { container } = renderCourse();
    expect(screen.queryAllByRole("button")).toEqual([]);
    expect(screen.queryAllByRole("textbox")).toEqual([]);
    expect(screen.queryAllByRole("checkbox")).toEqual([]);
    expect(screen.queryAllByRole("radio")).toEqual([]);
    expect(screen.queryAllByRole("combobox")).toEqual([]);
    expect(container.querySelector("form")).toBeNull();
  });

  it("shows where the course stands, its contract and time limit, and its focus", () => {
    const { container } = renderCourse();
    expect(definitionOf(container, "Phase")).toBe("Middle phase");
    expect(definitionOf(container, "Sessions")).toBe(
      "12 sessions, weekly on Tuesdays at 09:00, 50 minutes each",
    );
    expect(definitionOf(container, "Termination")).toMatch(/^Starts at session 10/);
    expect(definitionOf(container, "Primary problem area")).toContain("Role transition");
    expect(definitionOf(container, "Formulation")).toBe("Invented: low mood since the move to a new city.");
  });

  it("summarises the measures and links to the scores and risk page", () => {
    const { container } = renderCourse();
    expect(definitionOf(container, "Latest PHQ-9")).toBe("9 (Mild), session 4");
    expect(screen.getByRole("link", { name: "Scores and risk" }).getAttribute("href")).toBe(
      `/courses/${COURSE_ID}/measures`,
    );
  });

  it("shows the fidelity ratings the page composes in their own section", () => {
    renderCourse();
    expect(screen.getAllByRole("heading", { level: 2 }).map(textOf)).toEqual([
      "Course",
      "Measures",
      "Sessions",
      "Fidelity",
    ]);
    const fidelity = screen.getByRole("region", { name: "Fidelity" });
    expect(within(fidelity).getByText("The fidelity ratings (composed by the page).")).toBeTruthy();
  });
});

describe("SupervisedSessionsTable", () => {
  const data = course();
  const renderTable = () => {
    renderWithProviders(<SupervisedSessionsTable course={data} />);
    const table = screen.getByRole("table", { name: "Sessions of the course" });
    return { table, rows: within(table).getAllByRole("row").slice(1) };
  };

  it("links every session to its read-only record, not to the therapist's page", () => {
    const { table } = renderTable();
    const links = within(table).getAllByRole("link");
    expect(links.map(textOf)).toEqual(
      data.sessions.map((s) => (s.number === null ? "Cancelled session" : `Session ${s.number}`)),
    );
    expect(links.map((a) => a.getAttribute("href"))).toEqual(
      data.sessions.map((s) => `/supervision/sessions/${s.id}`),
    );
  });

  it("marks, in words, the 3 sessions proposed for review (the same sample as the API's)", () => {
    const { rows } = renderTable();
    const sampled = new Set(reviewSample(data.id, data.sessions));
    expect(sampled.size).toBe(3);
    const marked = rows.filter((row) => textOf(row).includes("Proposed for review"));
    expect(marked.map((row) => within(row).getByRole("link").getAttribute("href"))).toEqual(
      data.sessions.filter((s) => sampled.has(s.id)).map((s) => `/supervision/sessions/${s.id}`),
    );
    expect(marked.every((row) => row.classList.contains("row--sampled"))).toBe(true);
    expect(rows.filter((row) => row.classList.contains("row--sampled"))).toHaveLength(3);
  });
});
