// Session records: read, edit while unsigned, sign, and amend once signed. Writes are the therapist's
// only; reading a record is also open to a supervisor assigned to that therapist. The services answer
// 404 for a session the caller may not reach (see clinical/access.ts).
import { endpoints } from "@ipt/shared";
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
import { defineRoute } from "../define-route";
import { errorResponses, recordErrors, ruleErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const clinicalReader = { policy: "clinicalReader" } as const;
const tags = ["clinical: sessions"];
const SESSION_REPLAY = { action: "session.viewed", entityType: "therapy_session" } as const;
const { sessions } = endpoints;

export const sessionRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    sessions.get,
    {
      config: clinicalReader,
      tags,
      summary: "One session record with its amendments (also for an assigned supervisor, read only)",
      errors: recordErrors,
    },
    async (request) => getSession(prisma, actorOf(request), request.params.sessionId),
  );

  defineRoute(
    app,
    sessions.update,
    {
      config: therapist,
      tags,
      summary:
        "Edit (record) an unsigned session: status, agenda, techniques, notes; an Idempotency-Key makes a retry safe",
      errors: { ...writeErrors, ...errorResponses(422) },
    },
    async (request, reply) => {
      const write = idempotentWrite(prisma, request, sessions.update.status, SESSION_REPLAY);
      const { sessionId } = request.params;
      return write.send(
        reply,
        await updateSession(prisma, actorOf(request), sessionId, request.body, write.run),
      );
    },
  );

  defineRoute(
    app,
    sessions.sign,
    {
      config: therapist,
      tags,
      summary: "Sign a held or no-show session; the record is locked from then on",
      errors: ruleErrors,
    },
    async (request) => signSession(prisma, actorOf(request), request.params.sessionId, request.body),
  );

  defineRoute(
    app,
    sessions.addAmendment,
    {
      config: therapist,
      tags,
      summary: "Append an amendment to a signed session; the original record is kept as it was",
      errors: writeErrors,
    },
    async (request) => addAmendment(prisma, actorOf(request), request.params.sessionId, request.body),
  );
};
