// The safety pathway's own reads. The crisis steps are an organisation setting, not clinical data:
// every signed-in user may read them, so they are one click away on any red risk flag.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { getQuestionnaireSettings } from "../../clinical/measures/settings-read";
import { defineRoute } from "../define-route";
import { errorResponses } from "../responses";

export const safetyRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.safety.crisisSteps,
    {
      config: { policy: "signedIn" },
      tags: ["safety"],
      summary: "The service's emergency and crisis steps (the text the client's crisis page shows)",
      errors: errorResponses(401),
    },
    async () => ({ crisisSteps: (await getQuestionnaireSettings(prisma)).crisisText }),
  );
};
