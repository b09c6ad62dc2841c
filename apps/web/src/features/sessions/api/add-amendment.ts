import { endpoints, type AmendmentRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useSessionMutation, type SessionWrite } from "./cache";

/** Appends an amendment to a signed session; the original record is never changed. */
export function addAmendment({ sessionId, body }: SessionWrite<AmendmentRequest>) {
  return apiRequest(endpoints.sessions.addAmendment, { params: { sessionId }, body });
}

export const useAddAmendment = () => useSessionMutation(addAmendment);
