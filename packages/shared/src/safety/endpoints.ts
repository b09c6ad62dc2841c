import { defineEndpoint } from "../api/endpoint";
import { crisisStepsResponse } from "./crisis-steps";

export const safetyEndpoints = {
  /** The service's crisis steps, one click away on any red risk flag. */
  crisisSteps: defineEndpoint({
    method: "GET",
    path: "/api/safety/crisis-steps",
    response: crisisStepsResponse,
  }),
};
