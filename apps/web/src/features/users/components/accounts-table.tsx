import { roleLabels, type AdminUser } from "@ipt/shared";
import { Link } from "react-router";
import { DataTable, type Column } from "../../../components/data-table";
import { paths } from "../../../config/paths";
import { formatDate } from "../../../lib/format";
import { accountStatusLabel } from "./account-status";

const columns: Column<AdminUser>[] = [
  {
    key: "name",
    header: "Name",
    cell: (user) => <Link to={paths.admin.account.getHref(user.id)}>{user.name}</Link>,
  },
  { key: "role", header: "Role", cell: (user) => roleLabels[user.role] },
  {
    key: "status",
    header: "Status",
    cell: (user) => (
      <>
        <span className={user.active ? "badge badge--active" : "badge badge--inactive"}>
          {accountStatusLabel(user)}
        </span>
        {user.mustChangePassword ? <span className="cell__note">Temporary password</span> : null}
      </>
    ),
  },
  {
    key: "email",
    header: "Email",
    priority: 2,
    cell: (user) => <span className="cell--break">{user.email}</span>,
  },
  {
    key: "created",
    header: "Created",
    priority: 3,
    cell: (user) => <time dateTime={user.createdAt}>{formatDate(user.createdAt)}</time>,
  },
];

export function AccountsTable({ users }: { users: AdminUser[] }) {
  return <DataTable caption="Accounts" columns={columns} rows={users} rowKey={(user) => user.id} />;
}
