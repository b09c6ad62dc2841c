/** A therapist–supervisor pair, addressed by `/api/admin/users/:userId/supervisors/:supervisorId`. */
export interface SupervisionLink {
  therapistId: string;
  supervisorId: string;
}

export function supervisionPath({ therapistId, supervisorId }: SupervisionLink): string {
  return `/api/admin/users/${encodeURIComponent(therapistId)}/supervisors/${encodeURIComponent(supervisorId)}`;
}
