import { phaseLabelFor, type GroupDetail, type GroupSession } from "@ipt/shared";
import { DataTable, type Column } from "../../../components/data-table";
import { formatSessionWhen } from "../../../lib/format";

export type GroupSessionAction = "attendance" | "reschedule" | "cancel";

/** A group session is open to change until its attendance is recorded or it is cancelled. */
export const isOpen = (session: GroupSession) =>
  session.attendanceRecordedAt === null && session.cancelledAt === null;

function AttendanceCell({ session }: { session: GroupSession }) {
  if (session.cancelledAt) {
    return (
      <>
        <span className="badge">Cancelled</span>
        <span className="cell__note">{session.cancelReason}</span>
      </>
    );
  }
  if (!session.attendanceRecordedAt) return <span className="cell__note">Not recorded yet</span>;
  const count = (status: string) => session.attendance.filter((entry) => entry.status === status).length;
  return (
    <>
      <span className="badge">Recorded</span>
      <span className="cell__note">
        {count("attended")} attended, {count("absent")} absent, {count("cancelled")} cancelled
      </span>
    </>
  );
}

function ActionButtons({
  session,
  canRecord,
  onAction,
}: {
  session: GroupSession;
  canRecord: boolean;
  onAction: (action: GroupSessionAction) => void;
}) {
  const which = <span className="visually-hidden"> of group session {session.number}</span>;
  return (
    <div className="button-row button-row--tight">
      {canRecord ? (
        <button type="button" className="button button--small" onClick={() => onAction("attendance")}>
          Record attendance{which}
        </button>
      ) : null}
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onAction("reschedule")}
      >
        Move<span className="visually-hidden"> group session {session.number}</span>
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onAction("cancel")}
      >
        Cancel<span className="visually-hidden"> group session {session.number}</span>
      </button>
    </div>
  );
}

/**
 * The group's sessions with their date and time and attendance; `onAction` adds recording the
 * attendance (from the session's date, with members), moving and cancelling an open session.
 */
export function GroupSessionsTable({
  group,
  today,
  hasMembers,
  onAction,
}: {
  group: GroupDetail;
  today: string;
  hasMembers: boolean;
  onAction?: (session: GroupSession, action: GroupSessionAction) => void;
}) {
  const columns: Column<GroupSession>[] = [
    {
      key: "session",
      header: "Group session",
      cell: (session) => (
        <>
          Session {session.number}
          <span className="cell__note">{phaseLabelFor(session.phase, group.lineage)}</span>
        </>
      ),
    },
    {
      key: "when",
      header: "Date and time",
      cell: (session) => (
        <>
          <time dateTime={session.plannedDate}>{formatSessionWhen(session)}</time>
          <span className="cell__note">{session.durationMinutes} minutes</span>
        </>
      ),
    },
    { key: "attendance", header: "Attendance", cell: (session) => <AttendanceCell session={session} /> },
    ...(onAction
      ? [
          {
            key: "actions",
            header: "Record or change",
            priority: 2 as const,
            cell: (session: GroupSession) =>
              isOpen(session) ? (
                <ActionButtons
                  session={session}
                  canRecord={hasMembers && session.plannedDate <= today}
                  onAction={(action) => onAction(session, action)}
                />
              ) : (
                <span className="cell__note">No changes</span>
              ),
          },
        ]
      : []),
  ];
  return (
    <DataTable
      caption="Sessions of the group"
      hideCaption
      columns={columns}
      rows={group.sessions}
      rowKey={(session) => session.id}
    />
  );
}
