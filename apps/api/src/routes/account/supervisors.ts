// The signed-in therapist's own supervisors (GET /api/me/supervisors).
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { listOwnSupervisors } from "../../users/own-supervisors";
import { defineRoute } from "../define-route";
import { inputErrors } from "../responses";

export const ownSupervisorRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.account.supervisors,
    {
      config: { policy: "therapist" },
      tags: ["account"],
      summary: "Your current supervisors (active accounts assigned to you)",
      errors: inputErrors,
    },
    async (request) => listOwnSupervisors(prisma, actorOf(request).userId),
  );
};
