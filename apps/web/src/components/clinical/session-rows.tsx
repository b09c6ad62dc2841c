import { phaseLabelFor, type Lineage, type SessionSummary } from "@ipt/shared";
import { Link } from "react-router";
import { sessionStatusLabels } from "./labels";
import { SessionWhen } from "./session-when";

/** "Session 4", or "Cancelled session" (a cancelled session has no number). */
export const sessionRowTitle = (session: Pick<SessionSummary, "number">) =>
  session.number === null ? "Cancelled session" : `Session ${session.number}`;

/** The column headings every table of a course's sessions starts with (therapist and review). */
export function SessionColumnHeadings() {
  return (
    <>
      <th scope="col">Session</th>
      <th scope="col">Date and time</th>
      <th scope="col">Phase</th>
      <th scope="col">Status</th>
      <th scope="col">Signed</th>
      <th scope="col">Agenda done</th>
    </>
  );
}

/** The cells under SessionColumnHeadings: the session (linking to `href`), date and time, phase, status, signed, agenda. */
export function SessionRowCells({
  session,
  lineage,
  href,
}: {
  session: SessionSummary;
  lineage: Lineage;
  href: string;
}) {
  return (
    <>
      <th scope="row">
        <Link to={href}>{sessionRowTitle(session)}</Link>
      </th>
      <td className="cell--nowrap">
        <SessionWhen session={session} />
      </td>
      <td>{session.phase ? phaseLabelFor(session.phase, lineage) : "None"}</td>
      <td>
        <span className={`badge badge--session-${session.status}`}>
          {sessionStatusLabels[session.status]}
        </span>
      </td>
      <td>{session.signed ? "Signed" : "Not signed"}</td>
      <td className="cell--nowrap">
        {session.agendaDone} of {session.agendaTotal}
      </td>
    </>
  );
}
