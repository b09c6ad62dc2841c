import { instrumentDefinitions } from "@ipt/shared";
import { DataTable, type Column } from "../../../components/data-table";
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

const instrumentColumn = (instrument: "phq9" | "gad7"): Column<TrendRow> => ({
  key: instrument,
  header: `${instrumentDefinitions[instrument].name} (${instrumentDefinitions[instrument].min}–${instrumentDefinitions[instrument].max})`,
  cell: (row) => <Cell cell={row[instrument]} />,
});

const columns: Column<TrendRow>[] = [
  { key: "session", header: "Session", cell: (row) => `Session ${row.sessionNumber}` },
  { key: "date", header: "Date", cell: (row) => formatCalendarDate(row.date) },
  instrumentColumn("phq9"),
  instrumentColumn("gad7"),
];

/** The trend chart's data as a table: one row per session with a current PHQ-9 or GAD-7 score. */
export function ScoresTable({ rows }: { rows: readonly TrendRow[] }) {
  return (
    <DataTable
      caption="PHQ-9 and GAD-7 by session"
      columns={columns}
      rows={rows}
      rowKey={(row) => String(row.sessionNumber)}
    />
  );
}
