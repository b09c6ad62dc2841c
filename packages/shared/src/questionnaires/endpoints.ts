import { defineEndpoint, noBody } from "../api/endpoint";
import { courseParams } from "../clinical/courses";
import { sessionParams } from "../clinical/sessions";
import {
  identityCheckRequest,
  issuedQuestionnaireLinkResponse,
  issueQuestionnaireLinkRequest,
  publicQuestionnaire,
  questionnaireLink,
  questionnaireLinkParams,
  questionnaireLinksResponse,
  questionnaireTokenParams,
  submitQuestionnaireRequest,
  submittedQuestionnaireResponse,
} from "./questionnaires";

export const questionnaireEndpoints = {
  /** Issue a link for a planned (or held) session; the answer carries the page path once. */
  issue: defineEndpoint({
    method: "POST",
    path: "/api/sessions/:sessionId/questionnaire-links",
    params: sessionParams,
    body: issueQuestionnaireLinkRequest,
    response: issuedQuestionnaireLinkResponse,
    status: 201,
  }),
  /** A course's links with their status, newest first. */
  list: defineEndpoint({
    method: "GET",
    path: "/api/courses/:courseId/questionnaire-links",
    params: courseParams,
    response: questionnaireLinksResponse,
  }),
  revoke: defineEndpoint({
    method: "POST",
    path: "/api/questionnaire-links/:linkId/revocation",
    params: questionnaireLinkParams,
    body: noBody,
    response: questionnaireLink,
  }),
  /** Public: the client's page. Unknown, used, revoked, expired and locked links answer the same 404. */
  open: defineEndpoint({
    method: "GET",
    path: "/api/questionnaires/:token",
    params: questionnaireTokenParams,
    response: publicQuestionnaire,
  }),
  /** Public: the optional year-of-birth check; the answer is the questions. */
  confirmIdentity: defineEndpoint({
    method: "POST",
    path: "/api/questionnaires/:token/identity",
    params: questionnaireTokenParams,
    body: identityCheckRequest,
    response: publicQuestionnaire,
  }),
  /** Public: the answers, once. */
  submit: defineEndpoint({
    method: "POST",
    path: "/api/questionnaires/:token/answers",
    params: questionnaireTokenParams,
    body: submitQuestionnaireRequest,
    response: submittedQuestionnaireResponse,
  }),
};
