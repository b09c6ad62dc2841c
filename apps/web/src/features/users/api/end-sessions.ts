import { endpoints } from "@ipt/shared";
import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";

/** Signs the account out everywhere at once; the account itself is unchanged. */
export function endSessions(userId: string) {
  return apiRequest(endpoints.users.endSessions, { params: { userId } });
}

export function useEndSessions() {
  return useMutation({ mutationFn: endSessions });
}
