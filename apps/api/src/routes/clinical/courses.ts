// IPT courses from set-up to the middle phase. Writes are the therapist's only; reading a course is
// also open to a supervisor assigned to that therapist. The services answer 404 for a course the
// caller may not reach (see clinical/access.ts) and return the updated course.
import {
  clientParams,
  contractRequest,
  courseDetail,
  courseParams,
  createCourseRequest,
  formulationRequest,
  initialTasksRequest,
  problemAreaRequest,
  versionRequest,
} from "@ipt/shared";
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
import { startMiddlePhase } from "../../clinical/courses/middle-phase";
import { recordErrors, ruleErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const clinicalReader = { policy: "clinicalReader" } as const;
const tags = ["clinical: courses"];

export const courseRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.post(
    "/clients/:clientId/courses",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Open a course for a client (one open course at a time; a later one is maintenance)",
        params: clientParams,
        body: createCourseRequest,
        response: { 201: courseDetail, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createCourse(prisma, actorOf(request), request.params.clientId, request.body)),
  );

  app.get(
    "/courses/:courseId",
    {
      config: clinicalReader,
      schema: {
        tags,
        summary: "One course with its plan (also for a supervisor assigned to the therapist, read only)",
        params: courseParams,
        response: { 200: courseDetail, ...recordErrors },
      },
    },
    async (request) => getCourseDetail(prisma, actorOf(request), request.params.courseId),
  );

  app.patch(
    "/courses/:courseId/initial-tasks",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Record the initial-phase tasks: diagnosis named, sick role given",
        params: courseParams,
        body: initialTasksRequest,
        response: { 200: courseDetail, ...writeErrors },
      },
    },
    async (request) => setInitialTasks(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.put(
    "/courses/:courseId/problem-area",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Choose the problem area; after the initial phase a change needs a reason and is recorded",
        params: courseParams,
        body: problemAreaRequest,
        response: { 200: courseDetail, ...writeErrors },
      },
    },
    async (request) => setProblemArea(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.put(
    "/courses/:courseId/formulation",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Write the interpersonal formulation and record the client's agreement",
        params: courseParams,
        body: formulationRequest,
        response: { 200: courseDetail, ...writeErrors },
      },
    },
    async (request) => setFormulation(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.put(
    "/courses/:courseId/contract",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Agree the treatment contract and generate the session plan",
        params: courseParams,
        body: contractRequest,
        response: { 200: courseDetail, ...writeErrors },
      },
    },
    async (request) => setContract(prisma, actorOf(request), request.params.courseId, request.body),
  );

  app.post(
    "/courses/:courseId/middle-phase",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Start the middle phase; 422 lists exactly what the initial phase still lacks",
        params: courseParams,
        body: versionRequest,
        response: { 200: courseDetail, ...ruleErrors },
      },
    },
    async (request) => startMiddlePhase(prisma, actorOf(request), request.params.courseId, request.body),
  );
};
