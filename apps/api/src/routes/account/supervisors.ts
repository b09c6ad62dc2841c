// The signed-in therapist's own supervisors (GET /api/me/supervisors).
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { acknowledgeCaseloadAccess, caseloadAccess } from "../../users/caseload-access";
import { listOwnSupervisors } from "../../users/own-supervisors";
import { defineRoute } from "../define-route";
import { inputErrors } from "../responses";

export const ownSupervisorRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma, clock }) => {
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

  defineRoute(
    app,
    endpoints.account.caseloadAccess,
    {
      config: { policy: "therapist" },
      tags: ["account"],
      summary: "Who can read your caseload (since when, granted by whom) and the changes to it",
      errors: inputErrors,
    },
    async (request) => caseloadAccess(prisma, actorOf(request).userId, request.auditContext()),
  );

  defineRoute(
    app,
    endpoints.account.acknowledgeCaseloadAccess,
    {
      config: { policy: "therapist" },
      tags: ["account"],
      summary: "Mark the changes to who can read your caseload as seen",
      errors: inputErrors,
    },
    async (request) => {
      await acknowledgeCaseloadAccess(prisma, actorOf(request).userId, clock());
    },
  );
};
