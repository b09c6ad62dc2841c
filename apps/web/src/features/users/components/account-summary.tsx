import { roleLabels, type AdminUser } from "@ipt/shared";
import { formatDateTime } from "../../../lib/format";
import { accountNotes, accountStatusLabel } from "./account-status";

export function AccountSummary({ user }: { user: AdminUser }) {
  const notes = accountNotes(user);
  return (
    <dl className="summary">
      <div className="summary__row">
        <dt>Email address</dt>
        <dd className="cell--break">{user.email}</dd>
      </div>
      <div className="summary__row">
        <dt>Role</dt>
        <dd>{roleLabels[user.role]}</dd>
      </div>
      <div className="summary__row">
        <dt>Status</dt>
        <dd>
          {accountStatusLabel(user)}
          {notes.length > 0 ? (
            <ul className="summary__notes">
              {notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
        </dd>
      </div>
      <div className="summary__row">
        <dt>Created</dt>
        <dd>
          <time dateTime={user.createdAt}>{formatDateTime(user.createdAt)}</time>
        </dd>
      </div>
    </dl>
  );
}
