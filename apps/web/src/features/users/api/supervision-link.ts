import type { EndpointParams, endpoints } from "@ipt/shared";

/** A therapist–supervisor pair. */
export interface SupervisionLink {
  therapistId: string;
  supervisorId: string;
}

/** The pair as the assignment endpoints address it: the therapist's account, then the supervisor. */
export function supervisionParams({
  therapistId,
  supervisorId,
}: SupervisionLink): EndpointParams<typeof endpoints.users.assignSupervisor> {
  return { userId: therapistId, supervisorId };
}
