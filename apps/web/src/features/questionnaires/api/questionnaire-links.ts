import { endpoints, type IssueQuestionnaireLinkRequest } from "@ipt/shared";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getQuestionnaireLinks(courseId: string, signal?: AbortSignal) {
  return apiRequest(endpoints.questionnaires.list, { params: { courseId }, signal });
}

/** Read on every visit: a client may open or complete a link at any moment. */
export const questionnaireLinksQueryOptions = (courseId: string) =>
  queryOptions({
    queryKey: queryKeys.courses.questionnaireLinks(courseId),
    queryFn: ({ signal }) => getQuestionnaireLinks(courseId, signal),
    staleTime: 0,
  });

export function useQuestionnaireLinks(courseId: string) {
  return useQuery(questionnaireLinksQueryOptions(courseId));
}

/** Issues a link; the answer holds the page path, which is never readable again. */
export function useIssueQuestionnaireLink(courseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: IssueQuestionnaireLinkRequest }) =>
      apiRequest(endpoints.questionnaires.issue, { params: { sessionId }, body }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.courses.questionnaireLinks(courseId) }),
  });
}

export function useRevokeQuestionnaireLink(courseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => apiRequest(endpoints.questionnaires.revoke, { params: { linkId } }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.courses.questionnaireLinks(courseId) }),
  });
}
