import type { CourseDetail, SessionSummary } from "@ipt/shared";
import { sessionColumns, sessionRowTitle } from "../../../components/clinical/session-rows";
import { DataTable, type Column } from "../../../components/data-table";
import { paths } from "../../../config/paths";
import type { PlanEdit } from "./plan-edit-dialogs";

/** Plan changes apply to sessions still to come: planned and not signed. */
function isEditable(session: SessionSummary): boolean {
  return session.status === "planned" && !session.signed;
}

function EditButtons({ session, onEdit }: { session: SessionSummary; onEdit: (edit: PlanEdit) => void }) {
  const which = <span className="visually-hidden"> {sessionRowTitle(session).toLowerCase()}</span>;
  return (
    <div className="button-row button-row--tight">
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onEdit("reschedule")}
      >
        Reschedule{which}
      </button>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onEdit("cancel")}
      >
        Cancel{which}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={() => onEdit("drop")}>
        Drop{which}
      </button>
    </div>
  );
}

/**
 * Every session of the course, cancelled ones included, with plan changes for the planned ones
 * (`onEdit` is left out where the plan cannot change, e.g. in a completed course).
 */
export function SessionsTable({
  course,
  onEdit,
}: {
  course: CourseDetail;
  onEdit?: (session: SessionSummary, edit: PlanEdit) => void;
}) {
  const columns: Column<SessionSummary>[] = [
    ...sessionColumns(course, (session) => paths.therapist.session.getHref(session.id)),
    ...(onEdit
      ? [
          {
            key: "edit",
            header: "Change the plan",
            priority: 2 as const,
            cell: (session: SessionSummary) =>
              isEditable(session) ? (
                <EditButtons session={session} onEdit={(edit) => onEdit(session, edit)} />
              ) : (
                <span className="cell__note">No changes</span>
              ),
          },
        ]
      : []),
  ];
  return (
    <DataTable
      caption="Sessions of the course"
      columns={columns}
      rows={course.sessions}
      rowKey={(session) => session.id}
    />
  );
}
