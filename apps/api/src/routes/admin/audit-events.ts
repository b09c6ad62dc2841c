import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { listAuditEvents } from "../../audit/audit-query";
import { defineRoute } from "../define-route";
import { inputErrors } from "../responses";

export const adminAuditRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.audit.list,
    {
      config: { policy: "admin" },
      tags: ["admin: audit"],
      summary: "Browse the audit log, newest first",
      errors: inputErrors,
    },
    async (request) => listAuditEvents(prisma, request.query),
  );
};
