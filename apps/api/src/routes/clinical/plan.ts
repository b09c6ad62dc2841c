// Plan edits and the course's ending. Therapists only; the services answer 404 for a course that is
// not the therapist's own (see clinical/access.ts) and return the updated course.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { addSession, cancelSession, dropSession, rescheduleSession } from "../../clinical/plan/plan-service";
import {
  completeCourse,
  raiseTermination,
  updateTerminationChecklist,
} from "../../clinical/termination/termination-service";
import { recordOutreachAttempt } from "../../safety/outreach-service";
import { defineRoute } from "../define-route";
import { ruleErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const planTags = ["clinical: plan"];
const endingTags = ["clinical: termination"];
const { courses } = endpoints;

export const planRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    courses.addSession,
    {
      config: therapist,
      tags: planTags,
      summary: "Add a session at the end of the plan (within the format's bounds; 422 otherwise)",
      errors: ruleErrors,
    },
    async (request) => addSession(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.dropSession,
    {
      config: therapist,
      tags: planTags,
      summary: "Drop a planned session from the plan (within the format's bounds; 422 otherwise)",
      errors: ruleErrors,
    },
    async (request) => dropSession(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.cancelSession,
    {
      config: therapist,
      tags: planTags,
      summary: "Cancel a planned session, optionally adding a replacement at the end",
      errors: ruleErrors,
    },
    async (request) => cancelSession(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.rescheduleSession,
    {
      config: therapist,
      tags: planTags,
      summary: "Move a planned session, optionally moving every later planned session by the same days",
      errors: ruleErrors,
    },
    async (request) => rescheduleSession(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.raiseEnding,
    {
      config: therapist,
      tags: endingTags,
      summary: "Raise the ending explicitly: the course moves from the middle phase to termination",
      errors: ruleErrors,
    },
    async (request) => raiseTermination(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.updateTerminationChecklist,
    {
      config: therapist,
      tags: endingTags,
      summary: "Record the termination checklist (termination phase only)",
      errors: writeErrors,
    },
    async (request) =>
      updateTerminationChecklist(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.complete,
    {
      config: therapist,
      tags: endingTags,
      summary: "Complete (422 lists what is missing) or discontinue (needs a reason) the course",
      errors: ruleErrors,
    },
    async (request) => completeCourse(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.recordOutreach,
    {
      config: therapist,
      tags: endingTags,
      summary:
        "Record an outreach attempt (when, how, outcome): closing a course with recent risk needs one first",
      errors: writeErrors,
    },
    async (request) => recordOutreachAttempt(prisma, actorOf(request), request.params.courseId, request.body),
  );
};
