import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import {
  assignSupervisor,
  createUser,
  endSessions,
  getUser,
  listUsers,
  removeSupervisor,
  resetFactors,
  resetPassword,
  setActive,
  unlockSignIn,
  updateUser,
} from "../../users/users-service";
import { requireStepUp } from "../../auth/step-up";
import { defineRoute } from "../define-route";
import { errorResponses, inputErrors, recordErrors, writeErrors } from "../responses";

const admin = { policy: "admin" } as const;
const tags = ["admin: accounts"];
const { users } = endpoints;
/** Actions that open clinical data to someone ask for a recent second-factor check (auth/step-up.ts). */
const stepUpErrors = errorResponses(400, 401, 403, 404);

export const adminUserRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    users.list,
    { config: admin, tags, summary: "List and search accounts", errors: inputErrors },
    async (request) => listUsers(prisma, request.query),
  );

  defineRoute(
    app,
    users.create,
    {
      config: admin,
      tags,
      summary:
        "Create an account; the temporary password is returned once (a supervisor: step-up); 409 unless the role must enrol a second factor",
      errors: errorResponses(400, 401, 403, 409),
    },
    async (request) => {
      // A supervisor account reads therapists' caseloads once assigned.
      if (request.body.role === "supervisor") await requireStepUp(prisma, request);
      return createUser(prisma, request.auditContext(), request.body);
    },
  );

  defineRoute(
    app,
    users.get,
    { config: admin, tags, summary: "One account", errors: recordErrors },
    async (request) => getUser(prisma, request.params.userId),
  );

  defineRoute(
    app,
    users.update,
    { config: admin, tags, summary: "Change name or role", errors: writeErrors },
    async (request) => updateUser(prisma, request.auditContext(), request.params.userId, request.body),
  );

  defineRoute(
    app,
    users.deactivate,
    {
      config: admin,
      tags,
      summary: "Deactivate; ends the user's sessions at once",
      errors: writeErrors,
    },
    async (request) => setActive(prisma, request.auditContext(), request.params.userId, false),
  );

  defineRoute(
    app,
    users.reactivate,
    { config: admin, tags, summary: "Reactivate", errors: recordErrors },
    async (request) => setActive(prisma, request.auditContext(), request.params.userId, true),
  );

  defineRoute(
    app,
    users.resetPassword,
    {
      config: admin,
      tags,
      summary:
        "Reset the password; the user must change the temporary one at next sign-in (step-up); 409 where it alone would sign in",
      errors: errorResponses(400, 401, 403, 404, 409),
    },
    async (request) => {
      await requireStepUp(prisma, request);
      return resetPassword(prisma, request.auditContext(), request.params.userId);
    },
  );

  defineRoute(
    app,
    users.resetFactors,
    {
      config: admin,
      tags,
      summary: "Remove the account's second factors (a lost phone); ends its sessions (step-up)",
      errors: errorResponses(400, 401, 403, 404, 409),
    },
    async (request) => {
      await requireStepUp(prisma, request);
      return resetFactors(prisma, request.auditContext(), request.params.userId, request.requestedAt);
    },
  );

  defineRoute(
    app,
    users.endSessions,
    {
      config: admin,
      tags,
      summary: "End every session of the account at once; the account stays active",
      errors: recordErrors,
    },
    async (request) => endSessions(prisma, request.auditContext(), request.params.userId),
  );

  defineRoute(
    app,
    users.unlockSignIn,
    {
      config: admin,
      tags,
      summary: "Lift the slowing of the account's sign-in after failed attempts",
      errors: recordErrors,
    },
    async (request) => unlockSignIn(prisma, request.auditContext(), request.params.userId),
  );

  defineRoute(
    app,
    users.assignSupervisor,
    { config: admin, tags, summary: "Assign a supervisor to a therapist (step-up)", errors: stepUpErrors },
    async (request) => {
      await requireStepUp(prisma, request);
      return assignSupervisor(
        prisma,
        request.auditContext(),
        request.params.userId,
        request.params.supervisorId,
      );
    },
  );

  defineRoute(
    app,
    users.removeSupervisor,
    { config: admin, tags, summary: "Remove a supervisor from a therapist", errors: recordErrors },
    async (request) =>
      removeSupervisor(prisma, request.auditContext(), request.params.userId, request.params.supervisorId),
  );
};
