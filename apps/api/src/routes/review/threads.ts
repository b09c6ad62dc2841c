// Review threads on a course's formulation, plan or sessions: the course's therapist and the
// supervisors assigned to that therapist list, open and reply; only the therapist resolves. The
// services answer 404 for anyone else (see clinical/access.ts).
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { listThreads, openThread, replyToThread, resolveThread } from "../../review/threads-service";
import { defineRoute } from "../define-route";
import { recordErrors, writeErrors } from "../responses";

const clinicalReader = { policy: "clinicalReader" } as const;
const tags = ["review: threads"];
const { review } = endpoints;

export const reviewThreadRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    review.listThreads,
    {
      config: clinicalReader,
      tags,
      summary:
        "A course's comment threads and change requests: open ones first (oldest first), then resolved",
      errors: recordErrors,
    },
    async (request) => listThreads(prisma, actorOf(request), request.params.courseId, request.query),
  );

  defineRoute(
    app,
    review.openThread,
    {
      config: clinicalReader,
      tags,
      summary:
        "Open a thread about the formulation, the plan or a session: supervisors comment or request changes, the therapist comments",
      errors: recordErrors,
    },
    async (request) => openThread(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    review.replyToThread,
    {
      config: clinicalReader,
      tags,
      summary: "Reply to an open thread (409 once it is resolved); answers the whole thread",
      errors: writeErrors,
    },
    async (request) => replyToThread(prisma, actorOf(request), request.params.threadId, request.body),
  );

  defineRoute(
    app,
    review.resolveThread,
    {
      config: clinicalReader,
      tags,
      summary: "Resolve a thread, naming the version read (the client's therapist only; supervisors get 403)",
      errors: writeErrors,
    },
    async (request) => resolveThread(prisma, actorOf(request), request.params.threadId, request.body),
  );
};
