import type { AuditEvent } from "@ipt/shared";
import { Link } from "react-router";
import { TableWrap } from "../../../components/table-wrap";
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

export function AuditTable({
  events,
  accountNames = new Map(),
}: {
  events: AuditEvent[];
  accountNames?: AccountNames;
}) {
  const caption = "Audit events";
  return (
    <TableWrap label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col">Outcome</th>
            <th scope="col">From IP</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="cell--nowrap">
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
              </td>
              <td>
                <ActorCell event={event} />
              </td>
              <td>
                {auditActionLabel(event.action)}
                <span className="cell__note mono">{event.action}</span>
              </td>
              <td>
                <RecordCell event={event} accountNames={accountNames} />
              </td>
              <td>
                <span className={`badge badge--${event.outcome}`}>
                  {auditOutcomeLabels[event.outcome] ?? event.outcome}
                </span>
              </td>
              <td className="mono">{event.ip ?? "Unknown"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
