import { areaGuidanceFor, type GroupDetail, type GroupMember } from "@ipt/shared";
import { Link } from "react-router";
import { coursePhaseLabels } from "../../../components/clinical/labels";
import { DataTable, type Column } from "../../../components/data-table";
import { paths } from "../../../config/paths";
import { OpenRiskBadge } from "./risk-badge";

/** The current members, those with open risk flags first (most flags first), then in the order they joined. */
export function currentMembers(group: GroupDetail): GroupMember[] {
  return group.members
    .filter((member) => member.leftAt === null)
    .map((member, index) => ({ member, index }))
    .sort((a, b) => b.member.openRiskFlags - a.member.openRiskFlags || a.index - b.index)
    .map(({ member }) => member);
}

function LatestPhq9({ member }: { member: GroupMember }) {
  const latest = member.latestPhq9;
  if (!latest) return <span className="cell__note">None yet</span>;
  return (
    <>
      <span className="score">{latest.total}</span> <span className="badge">{latest.band.label}</span>
      <span className="cell__note">Their session {latest.sessionNumber}</span>
    </>
  );
}

/**
 * Each member with their own course: open risk flags right after the name (red, in words), their
 * problem area and latest PHQ-9; `onRemove` adds the button that takes a member out of the group.
 */
export function MembersTable({
  group,
  onRemove,
}: {
  group: GroupDetail;
  onRemove?: (member: GroupMember) => void;
}) {
  const columns: Column<GroupMember>[] = [
    {
      key: "member",
      header: "Member",
      cell: (member) => (
        <>
          <Link to={paths.therapist.course.getHref(member.courseId)}>{member.client.displayName}</Link>
          <span className="cell__note">{coursePhaseLabels[member.phase]}</span>
        </>
      ),
    },
    {
      key: "risk",
      header: "Open risk flags",
      cell: (member) => <OpenRiskBadge count={member.openRiskFlags} />,
    },
    {
      key: "area",
      header: "Problem area",
      priority: 2,
      cell: (member) =>
        member.primaryArea ? (
          areaGuidanceFor(member.primaryArea, group.lineage).label
        ) : (
          <span className="cell__note">Not chosen yet</span>
        ),
    },
    { key: "phq9", header: "Latest PHQ-9", priority: 2, cell: (member) => <LatestPhq9 member={member} /> },
    ...(onRemove
      ? [
          {
            key: "remove",
            header: "Leave",
            priority: 2 as const,
            cell: (member: GroupMember) => (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => onRemove(member)}
              >
                Remove from the group<span className="visually-hidden">: {member.client.displayName}</span>
              </button>
            ),
          },
        ]
      : []),
  ];
  return (
    <DataTable
      caption="Members of the group"
      hideCaption
      columns={columns}
      rows={currentMembers(group)}
      rowKey={(member) => member.courseId}
      rowClassName={(member) => (member.openRiskFlags > 0 ? "row--risk" : undefined)}
    />
  );
}
