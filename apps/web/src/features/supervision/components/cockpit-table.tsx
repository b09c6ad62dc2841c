import { formatPresets, type CockpitRow } from "@ipt/shared";
import { useMemo, type ReactNode } from "react";
import { Link } from "react-router";
import { FlagBadges } from "../../../components/clinical/flag-badges";
import { coursePhaseLabels } from "../../../components/clinical/labels";
import { LatestPhq9Cell, Phq9ChangeCell } from "../../../components/clinical/measure-cells";
import { DataTable, type Column } from "../../../components/data-table";
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

function ClientCell({ row }: { row: CockpitRow }) {
  return (
    <>
      <Link className="link--box" to={paths.supervision.course.getHref(row.course.id)}>
        <span className="visually-hidden">Review </span>
        {row.client.displayName}
      </Link>
      <span className="cell__note">{formatPresets[row.course.format].label}</span>
    </>
  );
}

function LatestScoreCell({ row }: { row: CockpitRow }) {
  return (
    <>
      <LatestPhq9Cell measures={row.measures} />
      <span className="cell__note">
        <Link to={paths.clinical.courseMeasures.getHref(row.course.id)}>
          Scores and risk<span className="visually-hidden"> for {row.client.displayName}</span>
        </Link>
      </span>
    </>
  );
}

const hasRedFlag = (row: CockpitRow) => row.flags.some((flag) => flag.severity === "red");

/** The service's crisis steps for a row with a red flag, given by the page (features do not import each other). */
export type CrisisStepsSlot = (clientName: string) => ReactNode;

/**
 * Who the row is and what is urgent stay columns at every width; the rest fold into the first cell.
 * The phase folds on a phone too: beside the client (whose folded details hold unbreakable figures) and
 * the flags, a one-word phase ("Maintenance", "Termination") made the table wider than a 390 px screen.
 */
const columnsWith = (crisisSteps?: CrisisStepsSlot): Column<CockpitRow>[] => [
  { key: "client", header: "Client", cell: (row) => <ClientCell row={row} /> },
  {
    key: "flags",
    header: "Flags",
    cell: (row) => (
      <>
        <FlagBadges flags={row.flags} />
        {crisisSteps && hasRedFlag(row) ? crisisSteps(row.client.displayName) : null}
      </>
    ),
  },
  { key: "phase", header: "Phase", priority: 2, cell: (row) => coursePhaseLabels[row.course.phase] },
  {
    key: "session",
    header: "Session",
    priority: 2,
    cell: (row) => `${row.course.sessionsHeld} of ${row.course.plannedSessions}`,
  },
  { key: "therapist", header: "Therapist", priority: 2, cell: (row) => row.therapist.name },
  { key: "overdue", header: "Overdue", priority: 2, cell: (row) => <OverdueCell overdue={row.overdue} /> },
  { key: "phq9", header: "Latest PHQ-9", priority: 2, cell: (row) => <LatestScoreCell row={row} /> },
  {
    key: "change",
    header: "Change from baseline",
    priority: 3,
    cell: (row) => <Phq9ChangeCell measures={row.measures} />,
  },
  { key: "outcome", header: "Outcome", priority: 3, cell: (row) => row.measures.statusLabel },
  {
    key: "activity",
    header: "Last activity",
    priority: 3,
    cell: (row) =>
      row.lastActivityAt ? (
        <time dateTime={row.lastActivityAt}>{formatDate(row.lastActivityAt)}</time>
      ) : (
        <span className="cell__note">None yet</span>
      ),
  },
];

/**
 * The supervisees' active clients in the order the API gives (most urgent first: open risk, then
 * non-response, then overdue items). A row with an open risk flag is marked at its start as well as
 * by its red "Urgent" badge, so colour never stands alone. `crisisSteps`: shown under a red flag's
 * badge, so the service's crisis steps are one click away from the list.
 */
const plainColumns = columnsWith();

export function CockpitTable({
  rows,
  crisisSteps,
}: {
  rows: readonly CockpitRow[];
  crisisSteps?: CrisisStepsSlot;
}) {
  const columns = useMemo(() => (crisisSteps ? columnsWith(crisisSteps) : plainColumns), [crisisSteps]);
  return (
    <DataTable
      caption="Active clients of your supervisees, most urgent first"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.course.id}
      rowClassName={(row) => (row.risk ? "row--risk" : undefined)}
    />
  );
}
