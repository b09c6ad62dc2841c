// Review threads on a course's formulation, plan or sessions: the course's therapist and the
// supervisors assigned to that therapist list, open and reply; only the therapist resolves. The
// services answer 404 for anyone else (see clinical/access.ts).
import {
  courseParams,
  openReviewThreadRequest,
  resolveReviewThreadRequest,
  reviewReplyRequest,
  reviewThread,
  reviewThreadParams,
  reviewThreadsQuery,
  reviewThreadsResponse,
} from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { listThreads, openThread, replyToThread, resolveThread } from "../../review/threads-service";
import { recordErrors, writeErrors } from "../responses";

const clinicalReader = { policy: "clinicalReader" } as const;
const tags = ["review: threads"];

export const reviewThreadRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/courses/:courseId/review-threads",
    {
      config: clinicalReader,
      schema: {
        tags,
        summary:
          "A course's comment threads and change requests: open ones first (oldest first), then resolved",
        params: courseParams,
        querystring: reviewThreadsQuery,
        response: { 200: reviewThreadsResponse, ...recordErrors },
      },
    },
    async (request) => listThreads(prisma, actorOf(request), request.params.courseId, request.query),
  );

  app.post(
    "/courses/:courseId/review-threads",
    {
      config: clinicalReader,
      schema: {
        tags,
        summary:
          "Open a thread about the formulation, the plan or a session: supervisors comment or request changes, the therapist comments",
        params: courseParams,
        body: openReviewThreadRequest,
        response: { 201: reviewThread, ...recordErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await openThread(prisma, actorOf(request), request.params.courseId, request.body)),
  );

  app.post(
    "/review-threads/:threadId/messages",
    {
      config: clinicalReader,
      schema: {
        tags,
        summary: "Reply to an open thread (409 once it is resolved); answers the whole thread",
        params: reviewThreadParams,
        body: reviewReplyRequest,
        response: { 201: reviewThread, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await replyToThread(prisma, actorOf(request), request.params.threadId, request.body)),
  );

  app.post(
    "/review-threads/:threadId/resolve",
    {
      config: clinicalReader,
      schema: {
        tags,
        summary:
          "Resolve a thread, naming the version read (the client's therapist only; supervisors get 403)",
        params: reviewThreadParams,
        body: resolveReviewThreadRequest,
        response: { 200: reviewThread, ...writeErrors },
      },
    },
    async (request) => resolveThread(prisma, actorOf(request), request.params.threadId, request.body),
  );
};
