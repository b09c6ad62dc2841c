// Session records: read, edit while unsigned, sign, and amend once signed. Writes are the therapist's
// only; reading a record is also open to a supervisor assigned to that therapist. The services answer
// 404 for a session the caller may not reach (see clinical/access.ts).
import {
  amendmentRequest,
  sessionDetail,
  sessionParams,
  updateSessionRequest,
  versionRequest,
} from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import {
  addAmendment,
  getSession,
  signSession,
  updateSession,
} from "../../clinical/sessions/sessions-service";
import { recordErrors, ruleErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const clinicalReader = { policy: "clinicalReader" } as const;
const tags = ["clinical: sessions"];

export const sessionRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/sessions/:sessionId",
    {
      config: clinicalReader,
      schema: {
        tags,
        summary: "One session record with its amendments (also for an assigned supervisor, read only)",
        params: sessionParams,
        response: { 200: sessionDetail, ...recordErrors },
      },
    },
    async (request) => getSession(prisma, actorOf(request), request.params.sessionId),
  );

  app.patch(
    "/sessions/:sessionId",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Edit an unsigned session: status, agenda (replaced whole), techniques and notes",
        params: sessionParams,
        body: updateSessionRequest,
        response: { 200: sessionDetail, ...writeErrors },
      },
    },
    async (request) => updateSession(prisma, actorOf(request), request.params.sessionId, request.body),
  );

  app.post(
    "/sessions/:sessionId/sign",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Sign a held or no-show session; the record is locked from then on",
        params: sessionParams,
        body: versionRequest,
        response: { 200: sessionDetail, ...ruleErrors },
      },
    },
    async (request) => signSession(prisma, actorOf(request), request.params.sessionId, request.body),
  );

  app.post(
    "/sessions/:sessionId/amendments",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Append an amendment to a signed session; the original record is kept as it was",
        params: sessionParams,
        body: amendmentRequest,
        response: { 201: sessionDetail, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addAmendment(prisma, actorOf(request), request.params.sessionId, request.body)),
  );
};
