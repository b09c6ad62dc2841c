// The supervisor's open risk flags across their supervisees' clients. Supervisors only.
import { supervisionRiskFlagsResponse } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { listOpenRiskFlags } from "../../supervision/risk-flags-service";
import { errorResponses } from "../responses";

export const supervisionRiskFlagRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/supervision/risk-flags",
    {
      config: { policy: "supervisor" },
      schema: {
        tags: ["supervision"],
        summary: "Open risk flags of your supervisees' clients, oldest first",
        response: { 200: supervisionRiskFlagsResponse, ...errorResponses(401, 403) },
      },
    },
    async (request) => listOpenRiskFlags(prisma, actorOf(request)),
  );
};
