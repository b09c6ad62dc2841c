import { formatPresets, type CaseloadEntry } from "@ipt/shared";
import { useMemo, type ReactNode } from "react";
import { Link } from "react-router";
import { FlagBadges } from "../../../components/clinical/flag-badges";
import { clientStatusLabels, coursePhaseLabels } from "../../../components/clinical/labels";
import { LatestPhq9Cell, Phq9ChangeCell } from "../../../components/clinical/measure-cells";
import { DataTable, type Column } from "../../../components/data-table";
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

/** Where the course stands: its phase and how many sessions are held. */
function ProgressCell({ entry }: { entry: CaseloadEntry }) {
  if (!entry.course) return <span className="cell__note">Not started</span>;
  return (
    <>
      {coursePhaseLabels[entry.course.phase]}
      <span className="cell__note">
        {entry.course.sessionsHeld} of {entry.course.plannedSessions} held
      </span>
    </>
  );
}

function NextSessionCell({ entry }: { entry: CaseloadEntry }) {
  if (!entry.nextSession) return <span className="cell__note">None planned</span>;
  return (
    <>
      <SessionWhen session={entry.nextSession} />
      <span className="cell__note">Session {entry.nextSession.number}</span>
    </>
  );
}

const hasRisk = (entry: CaseloadEntry) => entry.flags.some((flag) => flag.severity === "red");

/** The service's crisis steps for a row with a red flag, given by the page (features do not import each other). */
export type CrisisStepsSlot = (clientName: string) => ReactNode;

/** Risk comes right after the client's name, and stays a column at every width. */
const columnsWith = (crisisSteps?: CrisisStepsSlot): Column<CaseloadEntry>[] => [
  { key: "client", header: "Client", cell: (entry) => <ClientCell entry={entry} /> },
  {
    key: "flags",
    header: "Flags",
    cell: (entry) => (
      <>
        <FlagBadges flags={entry.flags} />
        {crisisSteps && hasRisk(entry) ? crisisSteps(entry.displayName) : null}
      </>
    ),
  },
  { key: "progress", header: "Phase", cell: (entry) => <ProgressCell entry={entry} /> },
  { key: "next", header: "Next session", priority: 2, cell: (entry) => <NextSessionCell entry={entry} /> },
  {
    key: "phq9",
    header: "Latest PHQ-9",
    priority: 2,
    cell: (entry) => <LatestPhq9Cell measures={entry.measures} />,
  },
  {
    key: "change",
    header: "Change from baseline",
    priority: 3,
    cell: (entry) => <Phq9ChangeCell measures={entry.measures} />,
  },
  {
    key: "outcome",
    header: "Outcome",
    priority: 3,
    cell: (entry) => (entry.measures ? entry.measures.statusLabel : <span className="cell__note">None</span>),
  },
  {
    key: "status",
    header: "Status",
    priority: 3,
    cell: (entry) => <span className="badge">{clientStatusLabels[entry.status]}</span>,
  },
];

const plainColumns = columnsWith();

/** `crisisSteps`: shown under a red flag's badge, so the service's crisis steps are one click away. */
export function CaseloadTable({
  entries,
  crisisSteps,
}: {
  entries: CaseloadEntry[];
  crisisSteps?: CrisisStepsSlot;
}) {
  const columns = useMemo(() => (crisisSteps ? columnsWith(crisisSteps) : plainColumns), [crisisSteps]);
  return (
    <DataTable
      caption="Clients"
      columns={columns}
      rows={entries}
      rowKey={(entry) => entry.id}
      rowClassName={(entry) => (hasRisk(entry) ? "row--risk" : undefined)}
    />
  );
}
