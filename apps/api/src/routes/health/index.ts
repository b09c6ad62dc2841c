import { livenessResponse, readinessResponse } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { AppError } from "../../errors/app-error";
import { answerEvenUnderPressure } from "../../plugins/overload";

export const healthRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/live",
    {
      // Answers even while load is shed: an overloaded process is alive and must not be restarted.
      config: { policy: "public", pressureHandler: answerEvenUnderPressure },
      schema: { tags: ["health"], summary: "The process is up", response: { 200: livenessResponse } },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/ready",
    {
      config: { policy: "public" },
      schema: { tags: ["health"], summary: "The database answers", response: { 200: readinessResponse } },
    },
    async (request) => {
      try {
        await prisma.$queryRaw`SELECT 1`;
      } catch {
        request.log.warn("readiness check: database unreachable");
        throw new AppError("service_unavailable", "The database is not reachable.");
      }
      return { status: "ready" as const, database: "reachable" as const };
    },
  );
};
