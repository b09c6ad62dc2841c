// Organisation settings for admins: the measurement cadence and alert thresholds.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { getSettings, updateSettings } from "../../settings/settings-service";
import { getSignInSettings, updateSignInSettings } from "../../settings/sign-in-settings";
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

  defineRoute(
    app,
    settings.signIn,
    {
      config: admin,
      tags,
      summary:
        "Sign-in settings: roles that must have a second factor, step-up minutes (version 0 = never saved)",
      errors: errorResponses(401, 403),
    },
    async (request) => getSignInSettings(prisma, request.auditContext()),
  );

  defineRoute(
    app,
    settings.updateSignIn,
    {
      config: admin,
      tags,
      summary: "Save the sign-in settings; they apply from each user's next sign-in (409 if changed)",
      errors: { ...inputErrors, ...errorResponses(409) },
    },
    async (request) => updateSignInSettings(prisma, request.auditContext(), request.body),
  );
};
