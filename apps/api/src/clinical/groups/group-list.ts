// The list of groups (docs/decisions/027): the therapist's own groups, or a supervisor's supervisees'
// groups (readableGroupWhere; anyone else: none). Groups with a current member who has an open risk
// flag come first, then the newest; a page at a time. Each row: the number of current members, the
// members at risk (most open flags first), the sessions recorded and the next group session. Audited
// with the count only.
import { type GroupListQuery, type GroupListResponse, type GroupMemberAtRisk } from "@ipt/shared";
import { recordAudit } from "../../audit/audit-log";
import type { Prisma, PrismaClient } from "../../db/prisma";
import { personSelect } from "../../db/person-select";
import { getServiceTimeZone } from "../measures/settings-read";
import { sessionWhen } from "../../settings/service-time";
import type { Actor } from "../access";
import { readableGroupWhere } from "./group-detail";

/** A current member (not left) with an unresolved risk flag. */
const atRiskMember = {
  groupLeftAt: null,
  riskFlags: { some: { resolvedAt: null } },
} satisfies Prisma.CourseWhereInput;

const newestFirst: Prisma.TherapyGroupOrderByWithRelationInput[] = [
  { startDate: "desc" },
  { createdAt: "desc" },
  { id: "asc" },
];

/**
 * The ids of one page: the readable groups with a member at risk first, then the others, each part
 * newest first. The at-risk part is as small as the groups with a member at risk.
 */
async function pageIds(
  prisma: PrismaClient,
  where: Prisma.TherapyGroupWhereInput,
  skip: number,
  take: number,
): Promise<{ ids: string[]; total: number }> {
  const [atRisk, total] = await Promise.all([
    prisma.therapyGroup.findMany({
      where: { AND: [where, { members: { some: atRiskMember } }] },
      select: { id: true },
      orderBy: newestFirst,
    }),
    prisma.therapyGroup.count({ where }),
  ]);
  const riskIds = atRisk.map((group) => group.id);
  const fromRisk = riskIds.slice(skip, skip + take);
  const restTake = take - fromRisk.length;
  if (restTake === 0) return { ids: fromRisk, total };
  const rest = await prisma.therapyGroup.findMany({
    where: { AND: [where, { id: { notIn: riskIds } }] },
    select: { id: true },
    orderBy: newestFirst,
    skip: Math.max(0, skip - riskIds.length),
    take: restTake,
  });
  return { ids: [...fromRisk, ...rest.map((group) => group.id)], total };
}

export async function listGroups(
  prisma: PrismaClient,
  actor: Actor,
  query: GroupListQuery,
): Promise<GroupListResponse> {
  const { page, pageSize } = query;
  const where = readableGroupWhere(actor);
  const [{ ids, total }, timeZone] = await Promise.all([
    pageIds(prisma, where, (page - 1) * pageSize, pageSize),
    getServiceTimeZone(prisma),
  ]);
  const groups =
    ids.length === 0
      ? []
      : await prisma.therapyGroup.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            name: true,
            lineage: true,
            groupSessions: true,
            therapist: { select: personSelect },
            _count: { select: { members: { where: { groupLeftAt: null } } } },
            members: {
              where: atRiskMember,
              select: {
                id: true,
                client: { select: { id: true, displayName: true } },
                _count: { select: { riskFlags: { where: { resolvedAt: null } } } },
              },
            },
            sessions: {
              select: {
                id: true,
                number: true,
                plannedDate: true,
                startTime: true,
                durationMinutes: true,
                attendanceRecordedAt: true,
                cancelledAt: true,
              },
              orderBy: { number: "asc" },
            },
          },
        });
  const byId = new Map(groups.map((group) => [group.id, group]));
  const items = ids.flatMap((id) => {
    const group = byId.get(id);
    if (!group) return [];
    const next = group.sessions.find(
      (session) => session.attendanceRecordedAt === null && session.cancelledAt === null,
    );
    const membersAtRisk: GroupMemberAtRisk[] = group.members
      .map((member) => ({
        courseId: member.id,
        client: member.client,
        openRiskFlags: member._count.riskFlags,
      }))
      .sort(
        (a, b) =>
          b.openRiskFlags - a.openRiskFlags || a.client.displayName.localeCompare(b.client.displayName),
      );
    return [
      {
        id: group.id,
        name: group.name,
        therapist: group.therapist,
        lineage: group.lineage,
        groupSessions: group.groupSessions,
        members: group._count.members,
        membersAtRisk,
        sessionsRecorded: group.sessions.filter((session) => session.attendanceRecordedAt !== null).length,
        nextSession: next
          ? {
              id: next.id,
              number: next.number,
              ...sessionWhen(next, timeZone),
            }
          : null,
      },
    ];
  });
  await recordAudit(prisma, actor.audit, {
    action: "groups.viewed",
    entityType: "therapy_group",
    details: { count: items.length },
  });
  return { items, total, page, pageSize };
}
