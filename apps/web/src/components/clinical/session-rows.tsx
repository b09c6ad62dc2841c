import { phaseLabelFor, type CourseDetail, type SessionSummary } from "@ipt/shared";
import { Link } from "react-router";
import type { Column } from "../data-table";
import { parentAttendanceShortLabels, sessionStatusLabels } from "./labels";
import { SessionWhen } from "./session-when";

/** "Session 4", or "Cancelled session" (a cancelled session has no number). */
export const sessionRowTitle = (session: Pick<SessionSummary, "number">) =>
  session.number === null ? "Cancelled session" : `Session ${session.number}`;

/**
 * The columns every table of a course's sessions starts with (therapist and review): the session
 * (linking to `hrefOf(session)`), its date and time and status stay columns at every width; phase,
 * signature and agenda (and, on an IPT-A course, a parent's or carer's attendance) fold into the first
 * cell on a narrow screen.
 */
export function sessionColumns(
  course: Pick<CourseDetail, "lineage" | "format">,
  hrefOf: (session: SessionSummary) => string,
) {
  const { lineage } = course;
  const columns: Column<SessionSummary>[] = [
    {
      key: "session",
      header: "Session",
      cell: (session) => <Link to={hrefOf(session)}>{sessionRowTitle(session)}</Link>,
    },
    { key: "when", header: "Date and time", cell: (session) => <SessionWhen session={session} /> },
    {
      key: "status",
      header: "Status",
      cell: (session) => (
        <span className={`badge badge--session-${session.status}`}>
          {sessionStatusLabels[session.status]}
        </span>
      ),
    },
    {
      key: "phase",
      header: "Phase",
      priority: 2,
      cell: (session) => (session.phase ? phaseLabelFor(session.phase, lineage) : "None"),
    },
    {
      key: "signed",
      header: "Signed",
      priority: 2,
      cell: (session) => (session.signed ? "Signed" : "Not signed"),
    },
    {
      key: "agenda",
      header: "Agenda done",
      priority: 3,
      numeric: true,
      cell: (session) => `${session.agendaDone} of ${session.agendaTotal}`,
    },
  ];
  if (course.format === "ipt_a") {
    columns.push({
      key: "parent",
      header: "Parent or carer",
      priority: 2,
      cell: (session) =>
        session.parentAttendance ? (
          parentAttendanceShortLabels[session.parentAttendance]
        ) : (
          <span className="cell__note">Not recorded</span>
        ),
    });
  }
  return columns;
}
