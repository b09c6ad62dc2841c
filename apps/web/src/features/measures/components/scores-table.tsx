import { instrumentDefinitions } from "@ipt/shared";
import { TableWrap } from "../../../components/table-wrap";
import { formatCalendarDate, formatDateTime } from "../../../lib/format";
import type { TrendCell, TrendRow } from "./trend-data";

function Cell({ cell }: { cell: TrendCell | null }) {
  if (!cell) return <span className="muted">Not recorded</span>;
  return (
    <>
      {cell.total} <span className="cell__note">{cell.band.label}</span>
      {cell.completedByClientAt ? (
        <span className="cell__note">Completed by the client {formatDateTime(cell.completedByClientAt)}</span>
      ) : null}
    </>
  );
}

/** The trend chart's data as a table: one row per session with a current PHQ-9 or GAD-7 score. */
export function ScoresTable({ rows }: { rows: readonly TrendRow[] }) {
  const caption = "PHQ-9 and GAD-7 by session";
  return (
    <TableWrap label={caption}>
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Date</th>
            {(["phq9", "gad7"] as const).map((instrument) => (
              <th key={instrument} scope="col">
                {instrumentDefinitions[instrument].name} ({instrumentDefinitions[instrument].min}–
                {instrumentDefinitions[instrument].max})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.sessionNumber}>
              <th scope="row">Session {row.sessionNumber}</th>
              <td>{formatCalendarDate(row.date)}</td>
              <td>
                <Cell cell={row.phq9} />
              </td>
              <td>
                <Cell cell={row.gad7} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
