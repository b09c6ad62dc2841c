// Organisation settings for admins: the measurement cadence and alert thresholds.
import { measurementSettingsResponse, updateMeasurementSettingsRequest } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { getSettings, updateSettings } from "../../settings/settings-service";
import { errorResponses, inputErrors } from "../responses";

const admin = { policy: "admin" } as const;
const tags = ["admin: settings"];

export const adminSettingsRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/measurement",
    {
      config: admin,
      schema: {
        tags,
        summary: "Measurement settings, with the documented defaults (version 0 = never saved)",
        response: { 200: measurementSettingsResponse, ...errorResponses(401, 403) },
      },
    },
    async (request) => getSettings(prisma, request.auditContext()),
  );

  app.put(
    "/measurement",
    {
      config: admin,
      schema: {
        tags,
        summary: "Save the measurement settings; send the version you read (409 if it has changed)",
        body: updateMeasurementSettingsRequest,
        response: { 200: measurementSettingsResponse, ...inputErrors, ...errorResponses(409) },
      },
    },
    async (request) => updateSettings(prisma, request.auditContext(), request.body),
  );
};
