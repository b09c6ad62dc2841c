import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { recordAudit } from "../../audit/audit-log";
import { listAuditEvents } from "../../audit/audit-query";
import { defineRoute } from "../define-route";
import { inputErrors } from "../responses";

const PAGING = new Set(["page", "pageSize"]);
const auditFilterNames = (query: object) =>
  Object.entries(query)
    .filter(([name, value]) => value !== undefined && !PAGING.has(name))
    .map(([name]) => name)
    .sort();

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
    async (request) => {
      // Reading the log is itself audited: filters by name only (an actor id is an id).
      const page = await listAuditEvents(prisma, request.query);
      await recordAudit(prisma, request.auditContext(), {
        action: "audit.viewed",
        ...(request.query.actorId ? { entityType: "user", entityId: request.query.actorId } : {}),
        details: { filters: auditFilterNames(request.query) },
      });
      return page;
    },
  );
};
