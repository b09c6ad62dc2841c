import { z } from "zod";

export const roles = ["therapist", "supervisor", "admin"] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const roleLabels: Record<Role, string> = {
  therapist: "Therapist",
  supervisor: "Supervisor",
  admin: "Administrator",
};
