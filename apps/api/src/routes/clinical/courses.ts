// IPT courses from set-up to the middle phase. Writes are the therapist's only; reading a course is
// also open to a supervisor assigned to that therapist. The services answer 404 for a course the
// caller may not reach (see clinical/access.ts) and return the updated course.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { getCourseDetail } from "../../clinical/courses/course-detail";
import {
  createCourse,
  setFormulation,
  setInitialTasks,
  setProblemArea,
} from "../../clinical/courses/course-setup";
import { setContract } from "../../clinical/courses/contract";
import { updateGriefTasks } from "../../clinical/courses/grief-tasks";
import { startMiddlePhase } from "../../clinical/courses/middle-phase";
import { startMaintenance } from "../../clinical/courses/maintenance";
import { defineRoute } from "../define-route";
import { recordErrors, ruleErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const clinicalReader = { policy: "clinicalReader" } as const;
const tags = ["clinical: courses"];
const { courses } = endpoints;

export const courseRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    courses.start,
    {
      config: therapist,
      tags,
      summary: "Open a course for a client (one open course at a time; a later one is maintenance)",
      errors: writeErrors,
    },
    async (request) => createCourse(prisma, actorOf(request), request.params.clientId, request.body),
  );

  defineRoute(
    app,
    courses.startMaintenance,
    {
      config: therapist,
      tags,
      summary:
        "Start a maintenance course after this completed acute course: a new contract, its plan generated at once; " +
        "422 when the course is not completed, 409 when a course is open",
      errors: ruleErrors,
    },
    async (request) => startMaintenance(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.get,
    {
      config: clinicalReader,
      tags,
      summary: "One course with its plan (also for a supervisor assigned to the therapist, read only)",
      errors: recordErrors,
    },
    async (request) => getCourseDetail(prisma, actorOf(request), request.params.courseId),
  );

  defineRoute(
    app,
    courses.updateInitialTasks,
    {
      config: therapist,
      tags,
      summary: "Record the initial-phase tasks: diagnosis named, sick role given",
      errors: writeErrors,
    },
    async (request) => setInitialTasks(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.setProblemArea,
    {
      config: therapist,
      tags,
      summary: "Choose the problem area; after the initial phase a change needs a reason and is recorded",
      errors: writeErrors,
    },
    async (request) => setProblemArea(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.setFormulation,
    {
      config: therapist,
      tags,
      summary: "Write the interpersonal formulation and record the client's agreement",
      errors: writeErrors,
    },
    async (request) => setFormulation(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.updateGriefTasks,
    {
      config: therapist,
      tags,
      summary:
        "Record the grief tasks (events around the death, the relationship reconstructed, avoided grief); " +
        "409 unless grief is the primary or secondary area",
      errors: writeErrors,
    },
    async (request) => updateGriefTasks(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.setContract,
    {
      config: therapist,
      tags,
      summary: "Agree the treatment contract and generate the session plan",
      errors: writeErrors,
    },
    async (request) => setContract(prisma, actorOf(request), request.params.courseId, request.body),
  );

  defineRoute(
    app,
    courses.beginMiddlePhase,
    {
      config: therapist,
      tags,
      summary: "Start the middle phase; 422 lists exactly what the initial phase still lacks",
      errors: ruleErrors,
    },
    async (request) => startMiddlePhase(prisma, actorOf(request), request.params.courseId, request.body),
  );
};
