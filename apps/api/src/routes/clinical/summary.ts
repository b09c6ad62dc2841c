// The printable end-of-treatment summary: the client's therapist, or a supervisor assigned to them.
import { courseParams, endOfTreatmentSummary } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { getEndOfTreatmentSummary } from "../../clinical/summary/summary-service";
import { recordErrors } from "../responses";

export const summaryRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/courses/:courseId/end-of-treatment-summary",
    {
      config: { policy: "clinicalReader" },
      schema: {
        tags: ["clinical: measures"],
        summary: "End-of-treatment summary (so far, while the course is still running)",
        params: courseParams,
        response: { 200: endOfTreatmentSummary, ...recordErrors },
      },
    },
    async (request) => getEndOfTreatmentSummary(prisma, actorOf(request), request.params.courseId),
  );
};
