// Organisation settings for admins: the measurement cadence and alert thresholds.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { getSettings, updateSettings } from "../../settings/settings-service";
import { defineRoute } from "../define-route";
import { errorResponses, inputErrors } from "../responses";

const admin = { policy: "admin" } as const;
const tags = ["admin: settings"];
const { settings } = endpoints;

export const adminSettingsRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    settings.measurement,
    {
      config: admin,
      tags,
      summary: "Measurement settings, with the documented defaults (version 0 = never saved)",
      errors: errorResponses(401, 403),
    },
    async (request) => getSettings(prisma, request.auditContext()),
  );

  defineRoute(
    app,
    settings.updateMeasurement,
    {
      config: admin,
      tags,
      summary: "Save the measurement settings; send the version you read (409 if it has changed)",
      errors: { ...inputErrors, ...errorResponses(409) },
    },
    async (request) => updateSettings(prisma, request.auditContext(), request.body),
  );
};
