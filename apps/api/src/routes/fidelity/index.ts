// Fidelity ratings: a course's ratings and review sample (the therapist or an assigned supervisor),
// and saving one's own rating of a held session (self-rating or supervisor rating). The services
// answer 404 for anyone else (see clinical/access.ts).
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { getCourseFidelity, rateSession } from "../../fidelity/fidelity-service";
import { defineRoute } from "../define-route";
import { recordErrors, ruleErrors } from "../responses";

const tags = ["fidelity"];
const { fidelity } = endpoints;

export const fidelityRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    fidelity.get,
    {
      config: { policy: "clinicalReader" },
      tags,
      summary: "A course's fidelity ratings per session, averages, disagreements and the review sample",
      errors: recordErrors,
    },
    async (request) => getCourseFidelity(prisma, actorOf(request), request.params.courseId),
  );

  defineRoute(
    app,
    fidelity.saveRating,
    {
      config: { policy: "fidelityRater" },
      tags,
      summary:
        "Save your own fidelity rating of a held session (version 0 creates it): self-rating or supervisor rating",
      errors: ruleErrors,
    },
    async (request) => rateSession(prisma, actorOf(request), request.params.sessionId, request.body),
  );
};
