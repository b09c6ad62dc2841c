// The supervisor's open risk flags across their supervisees' clients. Supervisors only.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { listOpenRiskFlags } from "../../supervision/risk-flags-service";
import { defineRoute } from "../define-route";
import { errorResponses } from "../responses";

export const supervisionRiskFlagRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.supervision.riskFlags,
    {
      config: { policy: "supervisor" },
      tags: ["supervision"],
      summary: "Open risk flags of your supervisees' clients, oldest first",
      errors: errorResponses(401, 403),
    },
    async (request) => listOpenRiskFlags(prisma, actorOf(request)),
  );
};
