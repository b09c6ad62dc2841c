import { sessionDetail, type UpdateSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useSessionMutation, type SessionWrite } from "./cache";
import { sessionPath } from "./get-session";

/** Status, agenda, techniques and notes; refused (409) once the session is signed. */
export function updateSession({ sessionId, body }: SessionWrite<UpdateSessionRequest>) {
  return apiRequest(sessionPath(sessionId), sessionDetail, { method: "PATCH", body });
}

export const useUpdateSession = () => useSessionMutation(updateSession);
