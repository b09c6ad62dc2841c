// The signed-in therapist's current supervisors, so a safety follow-up can name whom they informed.
// Only the therapist's own assignments are read; nobody else's relationships are exposed.
import type { OwnSupervisorsResponse } from "@ipt/shared";
import { personSelect } from "../db/person-select";
import type { PrismaClient } from "../db/prisma";

export async function listOwnSupervisors(
  prisma: PrismaClient,
  therapistId: string,
): Promise<OwnSupervisorsResponse> {
  const assignments = await prisma.supervisionAssignment.findMany({
    where: { therapistId, supervisor: { active: true } },
    select: { supervisor: { select: personSelect } },
    orderBy: [{ supervisor: { name: "asc" } }, { supervisorId: "asc" }],
  });
  return { items: assignments.map((assignment) => assignment.supervisor) };
}
