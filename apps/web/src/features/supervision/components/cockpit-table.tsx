import { formatPresets, type CockpitRow } from "@ipt/shared";
import { Link } from "react-router";
import { FlagBadges } from "../../../components/clinical/flag-badges";
import { coursePhaseLabels } from "../../../components/clinical/labels";
import { LatestPhq9Cell, Phq9ChangeCell } from "../../../components/clinical/measure-cells";
import { TableWrap } from "../../../components/table-wrap";
import { paths } from "../../../config/paths";
import { formatDate } from "../../../lib/format";

/** What is overdue, in words: "Measures overdue", "2 unsigned sessions", "Ending not raised". */
export function overdueItems(overdue: CockpitRow["overdue"]): string[] {
  const items: string[] = [];
  if (overdue.measures) items.push("Measures overdue");
  if (overdue.unsignedSessions > 0) {
    items.push(`${overdue.unsignedSessions} unsigned session${overdue.unsignedSessions === 1 ? "" : "s"}`);
  }
  if (overdue.terminationNotRaised) items.push("Ending not raised");
  return items;
}

function OverdueCell({ overdue }: { overdue: CockpitRow["overdue"] }) {
  const items = overdueItems(overdue);
  if (items.length === 0) return <span className="cell__note">None</span>;
  return (
    <ul className="flag-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/**
 * The supervisees' active clients in the order the API gives (most urgent first: open risk, then
 * non-response, then overdue items). A row with an open risk flag is marked at its start as well as
 * by its red "Urgent" badge, so colour never stands alone.
 */
export function CockpitTable({ rows }: { rows: readonly CockpitRow[] }) {
  const caption = "Active clients of your supervisees, most urgent first";
  return (
    <TableWrap label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Therapist</th>
            <th scope="col">Phase</th>
            <th scope="col">Session</th>
            <th scope="col">Latest PHQ-9</th>
            <th scope="col">Change from baseline</th>
            <th scope="col">Outcome</th>
            <th scope="col">Flags</th>
            <th scope="col">Overdue</th>
            <th scope="col">Last activity</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.course.id} className={row.risk ? "row--risk" : undefined}>
              <th scope="row">
                <Link className="link--box" to={paths.supervision.course.getHref(row.course.id)}>
                  <span className="visually-hidden">Review </span>
                  {row.client.displayName}
                </Link>
                <span className="cell__note">{formatPresets[row.course.format].label}</span>
              </th>
              <td>{row.therapist.name}</td>
              <td>{coursePhaseLabels[row.course.phase]}</td>
              <td className="cell--nowrap">
                {row.course.sessionsHeld} of {row.course.plannedSessions}
              </td>
              <td>
                <LatestPhq9Cell measures={row.measures} />
                <span className="cell__note">
                  <Link to={paths.clinical.courseMeasures.getHref(row.course.id)}>
                    Scores and risk<span className="visually-hidden"> for {row.client.displayName}</span>
                  </Link>
                </span>
              </td>
              <td>
                <Phq9ChangeCell measures={row.measures} />
              </td>
              <td>{row.measures.statusLabel}</td>
              <td>
                <FlagBadges flags={row.flags} />
              </td>
              <td>
                <OverdueCell overdue={row.overdue} />
              </td>
              <td>
                {row.lastActivityAt ? (
                  <time dateTime={row.lastActivityAt}>{formatDate(row.lastActivityAt)}</time>
                ) : (
                  <span className="cell__note">None yet</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
