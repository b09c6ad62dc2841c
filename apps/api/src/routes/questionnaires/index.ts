// Client questionnaires: the therapist issues, lists and revokes links; the client's page calls the
// three public routes with the link's token as its only key (no session, no account). The public
// routes have their own rate limit; the same-origin check of every unsafe method applies to them, and
// the token itself is the proof a cross-site form cannot forge (docs/decisions/016).
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import {
  confirmQuestionnaireIdentity,
  openQuestionnaire,
  submitQuestionnaire,
} from "../../questionnaires/client-answers";
import {
  issueQuestionnaireLink,
  listQuestionnaireLinks,
  revokeQuestionnaireLink,
} from "../../questionnaires/questionnaire-service";
import { defineRoute } from "../define-route";
import { errorResponses, recordErrors, ruleErrors, writeErrors } from "../responses";

/** A client opens, checks and sends once; far more from one address is probing for tokens. */
export const QUESTIONNAIRE_RATE_LIMIT = { max: 30, timeWindow: 60_000 };

const therapist = { policy: "therapist" } as const;
const publicRoute = { policy: "public", rateLimit: QUESTIONNAIRE_RATE_LIMIT } as const;
const tags = ["questionnaires"];
const { questionnaires } = endpoints;

export const questionnaireRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma, mailer }) => {
  defineRoute(
    app,
    questionnaires.issue,
    {
      config: therapist,
      tags,
      summary:
        "Issue a client questionnaire link (PHQ-9, GAD-7 or both; the schedule decides when left out) for a planned session, optionally e-mailed to the client's address on record; its page path is answered only now",
      errors: ruleErrors,
    },
    async (request) =>
      issueQuestionnaireLink(prisma, mailer, actorOf(request), request.params.sessionId, request.body),
  );

  defineRoute(
    app,
    questionnaires.list,
    {
      config: therapist,
      tags,
      summary: "A course's questionnaire links with their status (sent, opened, completed, expired, revoked)",
      errors: recordErrors,
    },
    async (request) => listQuestionnaireLinks(prisma, mailer, actorOf(request), request.params.courseId),
  );

  defineRoute(
    app,
    questionnaires.revoke,
    {
      config: therapist,
      tags,
      summary: "Revoke a questionnaire link: its page closes at once",
      errors: writeErrors,
    },
    async (request) => revokeQuestionnaireLink(prisma, actorOf(request), request.params.linkId),
  );

  defineRoute(
    app,
    questionnaires.open,
    {
      config: publicRoute,
      tags,
      summary:
        "The client's questionnaire page: the service's name and the questions (or the year-of-birth step); any unusable token answers the same 404",
      errors: errorResponses(404, 429),
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return openQuestionnaire(prisma, request.params.token, request.auditContext(), request.requestedAt);
    },
  );

  defineRoute(
    app,
    questionnaires.confirmIdentity,
    {
      config: publicRoute,
      tags,
      summary: "The client confirms their year of birth; the fifth wrong answer closes the link",
      errors: errorResponses(400, 403, 404, 429),
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return confirmQuestionnaireIdentity(
        prisma,
        request.params.token,
        request.body,
        request.auditContext(),
        request.requestedAt,
      );
    },
  );

  defineRoute(
    app,
    questionnaires.submit,
    {
      config: publicRoute,
      tags,
      summary:
        "The client's answers, once: recorded as the session's scores (a PHQ-9 item 9 above 0 raises a risk flag and answers the crisis text)",
      errors: errorResponses(400, 403, 404, 409, 429),
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return submitQuestionnaire(
        prisma,
        mailer,
        request.log,
        request.params.token,
        request.body,
        request.auditContext(),
        request.requestedAt,
      );
    },
  );
};
