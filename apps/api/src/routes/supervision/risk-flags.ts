// The supervisor's open risk flags across their supervisees' clients, and acknowledging one that
// escalated to them. Supervisors only.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { acknowledgeRiskFlag, listOpenRiskFlags } from "../../supervision/risk-flags-service";
import { defineRoute } from "../define-route";
import { errorResponses, writeErrors } from "../responses";

export const supervisionRiskFlagRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.supervision.riskFlags,
    {
      config: { policy: "supervisor" },
      tags: ["supervision"],
      summary:
        "Open risk flags of your supervisees' clients: those awaiting your acknowledgement first, then oldest first",
      errors: errorResponses(401, 403),
    },
    async (request) => listOpenRiskFlags(prisma, actorOf(request)),
  );

  defineRoute(
    app,
    endpoints.supervision.acknowledgeRiskFlag,
    {
      config: { policy: "supervisor" },
      tags: ["supervision"],
      summary:
        "Acknowledge a risk flag that escalated to you, so its therapist may resolve it; 409 when nothing awaits acknowledgement",
      errors: writeErrors,
    },
    async (request) => acknowledgeRiskFlag(prisma, actorOf(request), request.params.riskFlagId),
  );
};
