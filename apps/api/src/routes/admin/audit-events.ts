import { apiErrorBody, listAuditEventsQuery, listAuditEventsResponse } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { listAuditEvents } from "../../audit/audit-query";

export const adminAuditRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/",
    {
      config: { policy: "admin" },
      schema: {
        tags: ["admin: audit"],
        summary: "Browse the audit log, newest first",
        querystring: listAuditEventsQuery,
        response: { 200: listAuditEventsResponse, 400: apiErrorBody, 401: apiErrorBody, 403: apiErrorBody },
      },
    },
    async (request) => listAuditEvents(prisma, request.query),
  );
};
