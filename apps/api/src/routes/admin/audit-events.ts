import { listAuditEventsQuery, listAuditEventsResponse } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { listAuditEvents } from "../../audit/audit-query";
import { inputErrors } from "../responses";

export const adminAuditRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/",
    {
      config: { policy: "admin" },
      schema: {
        tags: ["admin: audit"],
        summary: "Browse the audit log, newest first",
        querystring: listAuditEventsQuery,
        response: { 200: listAuditEventsResponse, ...inputErrors },
      },
    },
    async (request) => listAuditEvents(prisma, request.query),
  );
};
