// The therapist's "needs your attention" list: their own open courses only, so nothing here names
// another therapist's client. Supervisors and admins are refused by the policy.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { listAttention } from "../../attention/attention-service";
import { defineRoute } from "../define-route";
import { errorResponses } from "../responses";

export const attentionRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.attention.list,
    {
      config: { policy: "therapist" },
      tags: ["attention"],
      summary:
        "What waits for you: risk flags without a follow-up, change requests, comments awaiting your reply, unsigned sessions",
      errors: errorResponses(401, 403),
    },
    async (request) => listAttention(prisma, actorOf(request)),
  );
};
