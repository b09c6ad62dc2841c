// Plan edits and the course's ending. Therapists only; the services answer 404 for a course that is
// not the therapist's own (see clinical/access.ts) and return the updated course.
import {
  addSessionRequest,
  cancelSessionRequest,
  completeCourseRequest,
  courseDetail,
  courseParams,
  dropSessionRequest,
  rescheduleSessionRequest,
  terminationChecklistRequest,
  versionRequest,
} from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { addSession, cancelSession, dropSession, rescheduleSession } from "../../clinical/plan/plan-service";
import {
  completeCourse,
  raiseTermination,
  updateTerminationChecklist,
} from "../../clinical/termination/termination-service";
import { ruleErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const planTags = ["clinical: plan"];
const endingTags = ["clinical: termination"];

export const planRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.post(
    "/courses/:courseId/plan/sessions",
    {
      config: therapist,
      schema: {
        tags: planTags,
        summary: "Add a session at the end of the plan (within the format's bounds; 422 otherwise)",
        params: courseParams,
        body: addSessionRequest,
        response: { 200: courseDetail, ...ruleErrors },
      },
    },
    async (request) => addSession(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.post(
    "/courses/:courseId/plan/drop",
    {
      config: therapist,
      schema: {
        tags: planTags,
        summary: "Drop a planned session from the plan (within the format's bounds; 422 otherwise)",
        params: courseParams,
        body: dropSessionRequest,
        response: { 200: courseDetail, ...ruleErrors },
      },
    },
    async (request) => dropSession(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.post(
    "/courses/:courseId/plan/cancel",
    {
      config: therapist,
      schema: {
        tags: planTags,
        summary: "Cancel a planned session, optionally adding a replacement at the end",
        params: courseParams,
        body: cancelSessionRequest,
        response: { 200: courseDetail, ...ruleErrors },
      },
    },
    async (request) => cancelSession(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.post(
    "/courses/:courseId/plan/reschedule",
    {
      config: therapist,
      schema: {
        tags: planTags,
        summary: "Move a planned session, optionally moving every later planned session by the same days",
        params: courseParams,
        body: rescheduleSessionRequest,
        response: { 200: courseDetail, ...ruleErrors },
      },
    },
    async (request) => rescheduleSession(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.post(
    "/courses/:courseId/termination",
    {
      config: therapist,
      schema: {
        tags: endingTags,
        summary: "Raise the ending explicitly: the course moves from the middle phase to termination",
        params: courseParams,
        body: versionRequest,
        response: { 200: courseDetail, ...ruleErrors },
      },
    },
    async (request) => raiseTermination(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.patch(
    "/courses/:courseId/termination-checklist",
    {
      config: therapist,
      schema: {
        tags: endingTags,
        summary: "Record the termination checklist (termination phase only)",
        params: courseParams,
        body: terminationChecklistRequest,
        response: { 200: courseDetail, ...writeErrors },
      },
    },
    async (request) =>
      updateTerminationChecklist(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.post(
    "/courses/:courseId/completion",
    {
      config: therapist,
      schema: {
        tags: endingTags,
        summary: "Complete (422 lists what is missing) or discontinue (needs a reason) the course",
        params: courseParams,
        body: completeCourseRequest,
        response: { 200: courseDetail, ...ruleErrors },
      },
    },
    async (request) => completeCourse(prisma, actorOf(request), request.params.courseId, request.body),
  );
};
