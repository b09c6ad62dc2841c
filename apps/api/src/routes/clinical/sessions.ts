// Session records: read, edit while unsigned, sign, and amend once signed. Writes are the therapist's
// only; reading a record is also open to a supervisor assigned to that therapist. The services answer
// 404 for a session the caller may not reach (see clinical/access.ts).
import {
  amendmentRequest,
  idempotencyKeyHeaders,
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
import { idempotentWrite } from "../../idempotency/idempotent-route";
import { errorResponses, recordErrors, ruleErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const clinicalReader = { policy: "clinicalReader" } as const;
const tags = ["clinical: sessions"];
const SESSION_REPLAY = { action: "session.viewed", entityType: "therapy_session" } as const;

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
        summary:
          "Edit (record) an unsigned session: status, agenda, techniques, notes; an Idempotency-Key makes a retry safe",
        headers: idempotencyKeyHeaders,
        params: sessionParams,
        body: updateSessionRequest,
        response: { 200: sessionDetail, ...writeErrors, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      const write = idempotentWrite(prisma, request, 200, SESSION_REPLAY);
      const { sessionId } = request.params;
      return write.send(
        reply,
        await updateSession(prisma, actorOf(request), sessionId, request.body, write.run),
      );
    },
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
