import { phaseLabelFor, type CourseDetail, type SessionSummary } from "@ipt/shared";
import { Link } from "react-router";
import { sessionStatusLabels } from "../../../components/clinical/labels";
import { TableWrap } from "../../../components/table-wrap";
import { paths } from "../../../config/paths";
import { formatCalendarDate } from "../../../lib/format";
import type { PlanEdit } from "./plan-edit-dialogs";

const sessionTitle = (session: SessionSummary) =>
  session.number === null ? "Cancelled session" : `Session ${session.number}`;

/** Plan changes apply to sessions still to come: planned and not signed. */
function isEditable(session: SessionSummary): boolean {
  return session.status === "planned" && !session.signed;
}

function EditButtons({ session, onEdit }: { session: SessionSummary; onEdit: (edit: PlanEdit) => void }) {
  const which = <span className="visually-hidden"> {sessionTitle(session).toLowerCase()}</span>;
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
  const caption = "Sessions of the course";
  return (
    <TableWrap label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Date</th>
            <th scope="col">Phase</th>
            <th scope="col">Status</th>
            <th scope="col">Signed</th>
            <th scope="col">Agenda done</th>
            {onEdit ? <th scope="col">Change the plan</th> : null}
          </tr>
        </thead>
        <tbody>
          {course.sessions.map((session) => (
            <tr key={session.id}>
              <th scope="row">
                <Link to={paths.therapist.session.getHref(session.id)}>{sessionTitle(session)}</Link>
              </th>
              <td className="cell--nowrap">
                <time dateTime={session.plannedDate}>{formatCalendarDate(session.plannedDate)}</time>
              </td>
              <td>{session.phase ? phaseLabelFor(session.phase, course.lineage) : "None"}</td>
              <td>
                <span className={`badge badge--session-${session.status}`}>
                  {sessionStatusLabels[session.status]}
                </span>
              </td>
              <td>{session.signed ? "Signed" : "Not signed"}</td>
              <td className="cell--nowrap">
                {session.agendaDone} of {session.agendaTotal}
              </td>
              {onEdit ? (
                <td>
                  {isEditable(session) ? (
                    <EditButtons session={session} onEdit={(edit) => onEdit(session, edit)} />
                  ) : (
                    <span className="cell__note">No changes</span>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
