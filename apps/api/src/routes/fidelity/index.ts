// Fidelity ratings: a course's ratings and review sample (the therapist or an assigned supervisor),
// and saving one's own rating of a held session (self-rating or supervisor rating). The services
// answer 404 for anyone else (see clinical/access.ts).
import {
  courseFidelity,
  courseParams,
  fidelityRating,
  fidelityRatingRequest,
  fidelityScores,
  sessionParams,
} from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { getCourseFidelity, rateSession } from "../../fidelity/fidelity-service";
import { recordErrors, ruleErrors } from "../responses";

const tags = ["fidelity"];

// An unknown item is refused by its own name (body.scores.<key>), not silently dropped.
const ratingBody = fidelityRatingRequest.extend({
  scores: fidelityScores.catchall(z.custom(() => false, { error: "This is not an item of the form." })),
});

export const fidelityRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/courses/:courseId/fidelity",
    {
      config: { policy: "clinicalReader" },
      schema: {
        tags,
        summary: "A course's fidelity ratings per session, averages, disagreements and the review sample",
        params: courseParams,
        response: { 200: courseFidelity, ...recordErrors },
      },
    },
    async (request) => getCourseFidelity(prisma, actorOf(request), request.params.courseId),
  );

  app.put(
    "/sessions/:sessionId/fidelity",
    {
      config: { policy: "fidelityRater" },
      schema: {
        tags,
        summary:
          "Save your own fidelity rating of a held session (version 0 creates it): self-rating or supervisor rating",
        params: sessionParams,
        body: ratingBody,
        response: { 200: fidelityRating, ...ruleErrors },
      },
    },
    async (request) => rateSession(prisma, actorOf(request), request.params.sessionId, request.body),
  );
};
