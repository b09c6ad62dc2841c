// The printable end-of-treatment summary: the client's therapist, or a supervisor assigned to them.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { getEndOfTreatmentSummary } from "../../clinical/summary/summary-service";
import { defineRoute } from "../define-route";
import { recordErrors } from "../responses";

export const summaryRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.summary.get,
    {
      config: { policy: "clinicalReader" },
      tags: ["clinical: measures"],
      summary: "End-of-treatment summary (so far, while the course is still running)",
      errors: recordErrors,
    },
    async (request) => getEndOfTreatmentSummary(prisma, actorOf(request), request.params.courseId),
  );
};
