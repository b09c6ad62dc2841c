import { endpoints, type FidelityRatingRequest } from "@ipt/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export interface SaveFidelityRating {
  sessionId: string;
  /** The session's course, whose ratings page is read again after the save. */
  courseId: string;
  body: FidelityRatingRequest;
}

/** Saves the signed-in rater's own rating of a held session (version 0 creates it). */
export function saveFidelityRating({ sessionId, body }: SaveFidelityRating) {
  return apiRequest(endpoints.fidelity.saveRating, { params: { sessionId }, body });
}

/**
 * After a save the course's ratings (averages, disagreements, reviewed) and the supervisor's lists
 * (each therapist's average fidelity) change.
 */
export function useSaveFidelityRating() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveFidelityRating,
    onSuccess: (_rating, { courseId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.courses.fidelity(courseId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.supervision.all }),
      ]),
  });
}
