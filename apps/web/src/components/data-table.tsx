import type { ReactNode } from "react";
import "./data-table.css";

/**
 * How much a column matters when space runs out. 1: always a column (who the row is, and what is
 * urgent: client, phase, session, flags). 2: a column from a medium width up. 3: a column only on a
 * wide table. A column that does not fit is not lost: its value moves into the row's first cell,
 * under its heading, so nothing scrolls sideways at any width.
 */
export type ColumnPriority = 1 | 2 | 3;

export interface Column<Row> {
  /** Stable key, also used as the column's class (`data-table__col--{key}`). */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  priority?: ColumnPriority;
  /** Numbers line up at the end of the cell. */
  numeric?: boolean;
}

export interface DataTableProps<Row> {
  /** The table's accessible name, and its visible caption unless `hideCaption`. */
  caption: string;
  hideCaption?: boolean;
  /** The first column names the row (a row header); give it priority 1. */
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
}

/**
 * The one table of the app: every list (caseload, cockpit, risk flags, accounts, audit, sessions,
 * scores) uses it. The table sizes itself to its container (a CSS container query), lower-priority
 * columns fold into the first cell as the container narrows, the header stays in view while the
 * page scrolls, and the page never scrolls sideways.
 */
export function DataTable<Row>({
  caption,
  hideCaption = false,
  columns,
  rows,
  rowKey,
  rowClassName,
  empty,
}: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const [first, ...rest] = columns;
  if (!first) return null;
  const folding = rest.filter((column) => (column.priority ?? 1) > 1);
  return (
    <div className="data-table">
      <table className="table data-table__table">
        <caption className={hideCaption ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" {...cellProps(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              <th scope="row" {...cellProps(first)}>
                {first.cell(row)}
                {folding.length > 0 ? (
                  <dl className="data-table__folded">
                    {folding.map((column) => (
                      <div key={column.key} data-priority={column.priority}>
                        <dt>{column.header}</dt>
                        <dd>{column.cell(row)}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </th>
              {rest.map((column) => (
                <td key={column.key} {...cellProps(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellProps<Row>(column: Column<Row>) {
  const classes = [`data-table__col--${column.key}`, column.numeric ? "cell--numeric" : ""];
  return { "data-priority": column.priority ?? 1, className: classes.filter(Boolean).join(" ") };
}
