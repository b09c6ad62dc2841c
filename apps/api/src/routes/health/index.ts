import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { AppError } from "../../errors/app-error";
import { answerEvenUnderPressure } from "../../plugins/overload";
import { defineRoute } from "../define-route";

export const healthRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.health.live,
    {
      // Answers even while load is shed: an overloaded process is alive and must not be restarted.
      config: { policy: "public", pressureHandler: answerEvenUnderPressure },
      tags: ["health"],
      summary: "The process is up",
    },
    async () => ({ status: "ok" as const }),
  );

  defineRoute(
    app,
    endpoints.health.ready,
    { config: { policy: "public" }, tags: ["health"], summary: "The database answers" },
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
