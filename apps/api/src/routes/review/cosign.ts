// Co-signatures: a course's co-sign state (the therapist or an assigned supervisor) and an assigned
// supervisor's co-signature of the formulation, the plan or a held session. The service answers 404
// for anyone else (see clinical/access.ts).
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { coSign, getCourseCoSigns } from "../../review/cosign-service";
import { defineRoute } from "../define-route";
import { recordErrors, ruleErrors } from "../responses";

const tags = ["review: co-signatures"];
const { review } = endpoints;

export const coSignRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    review.coSigns,
    {
      config: { policy: "clinicalReader" },
      tags,
      summary: "A course's co-sign state: the formulation, the plan and each held session",
      errors: recordErrors,
    },
    async (request) => getCourseCoSigns(prisma, actorOf(request), request.params.courseId),
  );

  defineRoute(
    app,
    review.coSign,
    {
      config: { policy: "supervisor" },
      tags,
      summary:
        "Co-sign the formulation, the plan or a held session as recorded now (an assigned supervisor; 409 if already co-signed as it stands)",
      errors: ruleErrors,
    },
    async (request) => coSign(prisma, actorOf(request), request.params.courseId, request.body),
  );
};
