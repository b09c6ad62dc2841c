// The supervisor's cockpit (every active client of their supervisees, by urgency) and the summary of
// each supervisee. Supervisors only; the assignment is checked on every request.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { getCockpit } from "../../supervision/cockpit-service";
import { listTherapistSummaries } from "../../supervision/therapist-summaries";
import { defineRoute } from "../define-route";
import { errorResponses, recordErrors } from "../responses";

const supervisor = { policy: "supervisor" } as const;
const tags = ["supervision"];
const { supervision } = endpoints;

export const supervisionCockpitRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    supervision.cockpit,
    {
      config: supervisor,
      tags,
      summary:
        "Every active client of your supervisees, most urgent first (risk, non-response, overdue items, the rest); 404 for a therapist not assigned to you",
      errors: recordErrors,
    },
    async (request) => getCockpit(prisma, actorOf(request), request.query),
  );

  defineRoute(
    app,
    supervision.therapistSummaries,
    {
      config: supervisor,
      tags,
      summary:
        "Each supervisee at a glance: caseload, response and remission shares, risk, overdue items, fidelity",
      errors: errorResponses(401, 403),
    },
    async (request) => listTherapistSummaries(prisma, actorOf(request)),
  );
};
