// The signed-in therapist's own supervisors (GET /api/me/supervisors).
import { ownSupervisorsResponse } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { listOwnSupervisors } from "../../users/own-supervisors";
import { inputErrors } from "../responses";

export const ownSupervisorRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/supervisors",
    {
      config: { policy: "therapist" },
      schema: {
        tags: ["account"],
        summary: "Your current supervisors (active accounts assigned to you)",
        response: { 200: ownSupervisorsResponse, ...inputErrors },
      },
    },
    async (request) => listOwnSupervisors(prisma, actorOf(request).userId),
  );
};
