import { formatPresets, type CaseloadEntry } from "@ipt/shared";
import { Link } from "react-router";
import { FlagBadges } from "../../../components/clinical/flag-badges";
import { clientStatusLabels, coursePhaseLabels } from "../../../components/clinical/labels";
import { LatestPhq9Cell, Phq9ChangeCell } from "../../../components/clinical/measure-cells";
import { TableWrap } from "../../../components/table-wrap";
import { paths } from "../../../config/paths";
import { SessionWhen } from "../../../components/clinical/session-when";

function ClientCell({ entry }: { entry: CaseloadEntry }) {
  if (!entry.course) {
    return (
      <>
        <Link to={paths.therapist.client.getHref(entry.id)}>{entry.displayName}</Link>
        <span className="cell__note">No course started</span>
      </>
    );
  }
  return (
    <>
      <Link to={paths.therapist.course.getHref(entry.course.id)}>{entry.displayName}</Link>
      <span className="cell__note">{formatPresets[entry.course.format].label}</span>
    </>
  );
}

export function CaseloadTable({ entries }: { entries: CaseloadEntry[] }) {
  const caption = "Clients";
  return (
    <TableWrap label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Status</th>
            <th scope="col">Phase</th>
            <th scope="col">Sessions held</th>
            <th scope="col">Next planned session</th>
            <th scope="col">Latest PHQ-9</th>
            <th scope="col">Change from baseline</th>
            <th scope="col">Outcome</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <th scope="row">
                <ClientCell entry={entry} />
              </th>
              <td>
                <span className="badge">{clientStatusLabels[entry.status]}</span>
              </td>
              <td>{entry.course ? coursePhaseLabels[entry.course.phase] : "Not started"}</td>
              <td className="cell--nowrap">
                {entry.course ? `${entry.course.sessionsHeld} of ${entry.course.plannedSessions}` : "None"}
              </td>
              <td>
                {entry.nextSession ? (
                  <>
                    <SessionWhen session={entry.nextSession} />
                    <span className="cell__note">
                      Session {entry.nextSession.number},{" "}
                      {coursePhaseLabels[entry.nextSession.phase].toLowerCase()}
                    </span>
                  </>
                ) : (
                  <span className="cell__note">None planned</span>
                )}
              </td>
              <td>
                <LatestPhq9Cell measures={entry.measures} />
              </td>
              <td>
                <Phq9ChangeCell measures={entry.measures} />
              </td>
              <td>
                {entry.measures ? entry.measures.statusLabel : <span className="cell__note">None</span>}
              </td>
              <td>
                <FlagBadges flags={entry.flags} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
