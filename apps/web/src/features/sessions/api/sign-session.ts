import { endpoints, type VersionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useSessionMutation, type SessionWrite } from "./cache";

/** Signs and locks the record; later changes are amendments. */
export function signSession({ sessionId, body }: SessionWrite<VersionRequest>) {
  return apiRequest(endpoints.sessions.sign, { params: { sessionId }, body });
}

export const useSignSession = () => useSessionMutation(signSession);
