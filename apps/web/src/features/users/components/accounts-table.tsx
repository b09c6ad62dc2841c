import { roleLabels, type AdminUser } from "@ipt/shared";
import { Link } from "react-router";
import { TableWrap } from "../../../components/table-wrap";
import { paths } from "../../../config/paths";
import { formatDate } from "../../../lib/format";
import { accountStatusLabel } from "./account-status";

export function AccountsTable({ users }: { users: AdminUser[] }) {
  const caption = "Accounts";
  return (
    <TableWrap label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                <Link to={paths.admin.account.getHref(user.id)}>{user.name}</Link>
              </th>
              <td className="cell--break">{user.email}</td>
              <td>{roleLabels[user.role]}</td>
              <td>
                <span className={user.active ? "badge badge--active" : "badge badge--inactive"}>
                  {accountStatusLabel(user)}
                </span>
                {user.mustChangePassword ? <span className="cell__note">Temporary password</span> : null}
              </td>
              <td className="cell--nowrap">
                <time dateTime={user.createdAt}>{formatDate(user.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
