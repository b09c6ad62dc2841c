import { sessionDetail, type VersionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useSessionMutation, type SessionWrite } from "./cache";
import { sessionPath } from "./get-session";

/** Signs and locks the record; later changes are amendments. */
export function signSession({ sessionId, body }: SessionWrite<VersionRequest>) {
  return apiRequest(sessionPath(sessionId, "/sign"), sessionDetail, { method: "POST", body });
}

export const useSignSession = () => useSessionMutation(signSession);
