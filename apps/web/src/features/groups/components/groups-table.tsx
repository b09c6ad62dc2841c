import type { GroupListItem } from "@ipt/shared";
import { Link } from "react-router";
import { SessionWhen } from "../../../components/clinical/session-when";
import { DataTable, type Column } from "../../../components/data-table";
import { paths } from "../../../config/paths";
import { OpenRiskBadge } from "./risk-badge";

function GroupCell({ group }: { group: GroupListItem }) {
  return <Link to={paths.therapist.group.getHref(group.id)}>{group.name}</Link>;
}

/** Members with an open risk flag, most flags first, each linked to their course: red, and in words. */
function AtRiskCell({ group }: { group: GroupListItem }) {
  if (group.membersAtRisk.length === 0) return <span className="cell__note">None</span>;
  return (
    <ul className="flag-list">
      {group.membersAtRisk.map((member) => (
        <li key={member.courseId}>
          <Link to={paths.therapist.course.getHref(member.courseId)}>{member.client.displayName}</Link>{" "}
          <OpenRiskBadge count={member.openRiskFlags} />
        </li>
      ))}
    </ul>
  );
}

function NextSessionCell({ group }: { group: GroupListItem }) {
  if (!group.nextSession) return <span className="cell__note">Ended: every session is recorded</span>;
  return (
    <>
      <SessionWhen session={group.nextSession} />
      <span className="cell__note">
        Group session {group.nextSession.number} of {group.groupSessions}
      </span>
    </>
  );
}

/** Members at risk come right after the group's name, and stay a column at every width. */
const columns: Column<GroupListItem>[] = [
  { key: "group", header: "Group", cell: (group) => <GroupCell group={group} /> },
  { key: "risk", header: "Members at risk", cell: (group) => <AtRiskCell group={group} /> },
  { key: "next", header: "Next group session", cell: (group) => <NextSessionCell group={group} /> },
  {
    key: "members",
    header: "Members",
    priority: 2,
    numeric: true,
    cell: (group) => group.members,
  },
  {
    key: "recorded",
    header: "Sessions recorded",
    priority: 3,
    cell: (group) => `${group.sessionsRecorded} of ${group.groupSessions}`,
  },
];

export function GroupsTable({ groups }: { groups: GroupListItem[] }) {
  return (
    <DataTable
      caption="Groups"
      columns={columns}
      rows={groups}
      rowKey={(group) => group.id}
      rowClassName={(group) => (group.membersAtRisk.length > 0 ? "row--risk" : undefined)}
    />
  );
}
