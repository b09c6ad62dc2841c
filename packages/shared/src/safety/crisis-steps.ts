import { z } from "zod";

/**
 * The service's emergency and crisis steps, for a clinician looking at a red risk flag: the same
 * organisation setting the client's crisis page shows (questionnaire settings' crisis text).
 */
export const crisisStepsResponse = z.strictObject({ crisisSteps: z.string() });
export type CrisisStepsResponse = z.infer<typeof crisisStepsResponse>;
