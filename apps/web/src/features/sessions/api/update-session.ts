import { endpoints, type UpdateSessionRequest } from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useSessionMutation, type SessionWrite } from "./cache";

/** Status, agenda, techniques and notes; refused (409) once the session is signed. */
export function updateSession({ sessionId, body }: SessionWrite<UpdateSessionRequest>) {
  return apiRequest(endpoints.sessions.update, { params: { sessionId }, body });
}

export const useUpdateSession = () => useSessionMutation(updateSession);
