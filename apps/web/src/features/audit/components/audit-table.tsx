import type { AuditEvent } from "@ipt/shared";
import { Link } from "react-router";
import { DataTable, type Column } from "../../../components/data-table";
import { paths } from "../../../config/paths";
import { formatDateTime } from "../../../lib/format";
import { auditActionLabel, auditOutcomeLabels } from "./action-labels";

function ActorCell({ event }: { event: AuditEvent }) {
  if (event.actor) {
    return (
      <>
        <Link to={paths.admin.account.getHref(event.actor.id)}>{event.actor.name}</Link>
        <span className="cell__note cell--break">{event.actor.email}</span>
      </>
    );
  }
  if (event.actorLabel) {
    return (
      <>
        <span className="cell--break">{event.actorLabel}</span>
        <span className="cell__note">No matching account</span>
      </>
    );
  }
  return <span className="cell__note">System</span>;
}

function RecordCell({ event, accountNames }: { event: AuditEvent; accountNames: AccountNames }) {
  if (!event.entityType) return <span className="cell__note">None</span>;
  if (event.entityType === "user" && event.entityId) {
    const name = accountNames.get(event.entityId);
    return (
      <>
        <span className="cell__note">Account</span>
        <Link to={paths.admin.account.getHref(event.entityId)}>
          {name ?? <span className="mono">{event.entityId.slice(0, 8)}</span>}
          {name ? null : <span className="visually-hidden"> (account {event.entityId})</span>}
        </Link>
      </>
    );
  }
  return (
    <>
      <span className="cell__note">{event.entityType}</span>
      {event.entityId ? <span className="mono cell--break">{event.entityId}</span> : null}
    </>
  );
}

/** Account id → name, for showing which account a record is (ids the map lacks stay ids). */
export type AccountNames = ReadonlyMap<string, string>;

/** When and who stay columns at every width; what was done follows; the rest fold on a phone. */
function auditColumns(accountNames: AccountNames): Column<AuditEvent>[] {
  return [
    {
      key: "when",
      header: "When",
      cell: (event) => <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>,
    },
    { key: "actor", header: "Actor", cell: (event) => <ActorCell event={event} /> },
    {
      key: "action",
      header: "Action",
      cell: (event) => (
        <>
          {auditActionLabel(event.action)}
          <span className="cell__note mono">{event.action}</span>
        </>
      ),
    },
    {
      key: "outcome",
      header: "Outcome",
      priority: 2,
      cell: (event) => (
        <span className={`badge badge--${event.outcome}`}>
          {auditOutcomeLabels[event.outcome] ?? event.outcome}
        </span>
      ),
    },
    {
      key: "record",
      header: "Record",
      priority: 2,
      cell: (event) => <RecordCell event={event} accountNames={accountNames} />,
    },
    {
      key: "ip",
      header: "From IP",
      priority: 3,
      cell: (event) => <span className="mono">{event.ip ?? "Unknown"}</span>,
    },
  ];
}

export function AuditTable({
  events,
  accountNames = new Map(),
}: {
  events: AuditEvent[];
  accountNames?: AccountNames;
}) {
  return (
    <DataTable
      caption="Audit events"
      columns={auditColumns(accountNames)}
      rows={events}
      rowKey={(event) => event.id}
    />
  );
}
