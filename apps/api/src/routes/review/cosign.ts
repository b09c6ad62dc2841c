// Co-signatures: a course's co-sign state (the therapist or an assigned supervisor) and an assigned
// supervisor's co-signature of the formulation, the plan or a held session. The service answers 404
// for anyone else (see clinical/access.ts).
import { coSignRequest, courseCoSignsResponse, courseParams } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { coSign, getCourseCoSigns } from "../../review/cosign-service";
import { recordErrors, ruleErrors } from "../responses";

const tags = ["review: co-signatures"];

export const coSignRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/courses/:courseId/cosignatures",
    {
      config: { policy: "clinicalReader" },
      schema: {
        tags,
        summary: "A course's co-sign state: the formulation, the plan and each held session",
        params: courseParams,
        response: { 200: courseCoSignsResponse, ...recordErrors },
      },
    },
    async (request) => getCourseCoSigns(prisma, actorOf(request), request.params.courseId),
  );

  app.post(
    "/courses/:courseId/cosignatures",
    {
      config: { policy: "supervisor" },
      schema: {
        tags,
        summary:
          "Co-sign the formulation, the plan or a held session as recorded now (an assigned supervisor; 409 if already co-signed as it stands)",
        params: courseParams,
        body: coSignRequest,
        response: { 201: courseCoSignsResponse, ...ruleErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await coSign(prisma, actorOf(request), request.params.courseId, request.body)),
  );
};
