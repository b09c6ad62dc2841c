import { sessionDetail, type AmendmentRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useSessionMutation, type SessionWrite } from "./cache";
import { sessionPath } from "./get-session";

/** Appends an amendment to a signed session; the original record is never changed. */
export function addAmendment({ sessionId, body }: SessionWrite<AmendmentRequest>) {
  return apiRequest(sessionPath(sessionId, "/amendments"), sessionDetail, { method: "POST", body });
}

export const useAddAmendment = () => useSessionMutation(addAmendment);
