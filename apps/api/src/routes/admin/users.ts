import {
  adminUser,
  assignmentParams,
  createUserRequest,
  endSessionsResponse,
  listUsersQuery,
  listUsersResponse,
  temporaryPasswordResponse,
  updateUserRequest,
  userParams,
} from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import {
  assignSupervisor,
  createUser,
  endSessions,
  getUser,
  listUsers,
  removeSupervisor,
  resetPassword,
  setActive,
  updateUser,
} from "../../users/users-service";
import { errorResponses, inputErrors, recordErrors, writeErrors } from "../responses";
import { noBody } from "../request-bodies";

const admin = { policy: "admin" } as const;
const tags = ["admin: accounts"];

export const adminUserRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/",
    {
      config: admin,
      schema: {
        tags,
        summary: "List and search accounts",
        querystring: listUsersQuery,
        response: { 200: listUsersResponse, ...inputErrors },
      },
    },
    async (request) => listUsers(prisma, request.query),
  );

  app.post(
    "/",
    {
      config: admin,
      schema: {
        tags,
        summary: "Create an account; the temporary password is returned once",
        body: createUserRequest,
        response: { 201: temporaryPasswordResponse, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createUser(prisma, request.auditContext(), request.body)),
  );

  app.get(
    "/:userId",
    {
      config: admin,
      schema: {
        tags,
        summary: "One account",
        params: userParams,
        response: { 200: adminUser, ...recordErrors },
      },
    },
    async (request) => getUser(prisma, request.params.userId),
  );

  app.patch(
    "/:userId",
    {
      config: admin,
      schema: {
        tags,
        summary: "Change name or role",
        params: userParams,
        body: updateUserRequest,
        response: { 200: adminUser, ...writeErrors },
      },
    },
    async (request) => updateUser(prisma, request.auditContext(), request.params.userId, request.body),
  );

  app.post(
    "/:userId/deactivate",
    {
      config: admin,
      schema: {
        tags,
        summary: "Deactivate; ends the user's sessions at once",
        params: userParams,
        body: noBody,
        response: { 200: adminUser, ...writeErrors },
      },
    },
    async (request) => setActive(prisma, request.auditContext(), request.params.userId, false),
  );

  app.post(
    "/:userId/reactivate",
    {
      config: admin,
      schema: {
        tags,
        summary: "Reactivate",
        params: userParams,
        body: noBody,
        response: { 200: adminUser, ...recordErrors },
      },
    },
    async (request) => setActive(prisma, request.auditContext(), request.params.userId, true),
  );

  app.post(
    "/:userId/reset-password",
    {
      config: admin,
      schema: {
        tags,
        summary: "Reset the password; the user must change the temporary one at next sign-in",
        params: userParams,
        body: noBody,
        response: { 200: temporaryPasswordResponse, ...recordErrors },
      },
    },
    async (request) => resetPassword(prisma, request.auditContext(), request.params.userId),
  );

  app.post(
    "/:userId/end-sessions",
    {
      config: admin,
      schema: {
        tags,
        summary: "End every session of the account at once; the account stays active",
        params: userParams,
        body: noBody,
        response: { 200: endSessionsResponse, ...recordErrors },
      },
    },
    async (request) => endSessions(prisma, request.auditContext(), request.params.userId),
  );

  app.put(
    "/:userId/supervisors/:supervisorId",
    {
      config: admin,
      schema: {
        tags,
        summary: "Assign a supervisor to a therapist",
        params: assignmentParams,
        body: noBody,
        response: { 200: adminUser, ...recordErrors },
      },
    },
    async (request) =>
      assignSupervisor(prisma, request.auditContext(), request.params.userId, request.params.supervisorId),
  );

  app.delete(
    "/:userId/supervisors/:supervisorId",
    {
      config: admin,
      schema: {
        tags,
        summary: "Remove a supervisor from a therapist",
        params: assignmentParams,
        body: noBody,
        response: { 200: adminUser, ...recordErrors },
      },
    },
    async (request) =>
      removeSupervisor(prisma, request.auditContext(), request.params.userId, request.params.supervisorId),
  );
};
