// IPT-A parent or carer attendance [S20c] where a session is read: the signed record and the course's
// sessions table (the therapist's plan and the supervisor's review share its columns).
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { courseOf, sessionOf } from "../../test/fixtures";
import { definitionOf, rowsByHeader, textOf } from "../../test/queries";
import { renderWithProviders } from "../../test/render";
import { DataTable } from "../data-table";
import { SessionRecordView } from "./session-record";
import { sessionColumns } from "./session-rows";

describe("the session record", () => {
  it("says whether a parent or carer attended an IPT-A session", () => {
    const session = sessionOf({ parentAttendance: "joint_and_parent_only" });
    const { container } = renderWithProviders(
      <SessionRecordView session={{ ...session, course: { ...session.course, format: "ipt_a" } }} />,
    );
    expect(definitionOf(container, "Parent or carer")).toBe(
      "A parent or carer joined a joint part and had a part on their own",
    );
  });

  it("says nothing was recorded on an IPT-A session without it, and leaves it out on other formats", () => {
    const session = sessionOf();
    const { container, unmount } = renderWithProviders(
      <SessionRecordView session={{ ...session, course: { ...session.course, format: "ipt_a" } }} />,
    );
    expect(definitionOf(container, "Parent or carer")).toBe("Nothing recorded");
    unmount();
    renderWithProviders(<SessionRecordView session={session} />);
    expect(screen.queryByText("Parent or carer")).toBeNull();
  });
});

describe("the course's sessions table", () => {
  const renderTable = (format: "ipt_a" | "standard") => {
    const course = courseOf({ format });
    const sessions = course.sessions.map((session) =>
      session.number === 1
        ? { ...session, parentAttendance: "joint" as const }
        : session.number === 2
          ? { ...session, parentAttendance: "none" as const }
          : session,
    );
    renderWithProviders(
      <DataTable
        caption="Sessions of the course"
        columns={sessionColumns(course, (session) => `/sessions/${session.id}`)}
        rows={sessions}
        rowKey={(session) => session.id}
      />,
    );
    return screen.getByRole("table", { name: "Sessions of the course" });
  };

  it("has a parent or carer column on an IPT-A course", () => {
    const rows = rowsByHeader(renderTable("ipt_a"));
    expect(rows.slice(0, 3).map((row) => textOf(row["Parent or carer"]))).toEqual([
      "Joint part",
      "None",
      "Not recorded",
    ]);
  });

  it("has none on other formats", () => {
    const table = renderTable("standard");
    expect(within(table).queryByRole("columnheader", { name: "Parent or carer" })).toBeNull();
  });
});
