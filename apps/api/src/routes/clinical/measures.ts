// Measurement-based care and safety: record and correct rating-scale scores, follow up and resolve
// risk flags (the client's therapist only), and read a course's measures (the therapist, or a
// supervisor assigned to the therapist). Services answer 404 for anyone else (see clinical/access.ts).
import {
  correctMeasureRequest,
  courseMeasures,
  courseParams,
  idempotencyKeyHeaders,
  measureParams,
  recordMeasureRequest,
  recordMeasureResponse,
  resolveRiskFlagRequest,
  riskFlagDetail,
  riskFlagParams,
  safetyFollowUpRequest,
} from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { correctMeasure, getCourseMeasures, recordMeasure } from "../../clinical/measures/measures-service";
import { recordFollowUp, resolveRiskFlag } from "../../clinical/measures/risk-service";
import { idempotentWrite, type ReplayAudit } from "../../idempotency/idempotent-route";
import { recordErrors, ruleErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const clinicalReader = { policy: "clinicalReader" } as const;
const tags = ["clinical: measures"];
/** A replayed answer shows the recorded score again: audited as a read of the course's measures. */
const MEASURE_REPLAY: ReplayAudit = {
  action: "measures.viewed",
  entityType: "measure_score",
  entityIdOf: (body) => (body as { score?: { id?: unknown } }).score?.id,
};

export const measureRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/courses/:courseId/measures",
    {
      config: clinicalReader,
      schema: {
        tags,
        summary: "A course's scores, outcome, measurement schedule, alerts and risk flags",
        params: courseParams,
        response: { 200: courseMeasures, ...recordErrors },
      },
    },
    async (request) => getCourseMeasures(prisma, actorOf(request), request.params.courseId),
  );

  app.post(
    "/courses/:courseId/measures",
    {
      config: therapist,
      schema: {
        tags,
        summary:
          "Record a PHQ-9, GAD-7 or HAM-D-17 score at a held session (PHQ-9 item 9 above 0 raises a risk flag); an Idempotency-Key makes a retry safe",
        headers: idempotencyKeyHeaders,
        params: courseParams,
        body: recordMeasureRequest,
        response: { 201: recordMeasureResponse, ...ruleErrors },
      },
    },
    async (request, reply) => {
      const write = idempotentWrite(prisma, request, 201, MEASURE_REPLAY);
      const { courseId } = request.params;
      return write.send(
        reply,
        await recordMeasure(prisma, actorOf(request), courseId, request.body, write.run),
      );
    },
  );

  app.post(
    "/measures/:measureId/corrections",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Correct the latest version of a score; the original is kept",
        params: measureParams,
        body: correctMeasureRequest,
        response: { 201: recordMeasureResponse, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await correctMeasure(prisma, actorOf(request), request.params.measureId, request.body)),
  );

  app.post(
    "/risk-flags/:riskFlagId/follow-ups",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Record the safety follow-up of a risk flag",
        params: riskFlagParams,
        body: safetyFollowUpRequest,
        response: { 201: riskFlagDetail, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await recordFollowUp(prisma, actorOf(request), request.params.riskFlagId, request.body)),
  );

  app.post(
    "/risk-flags/:riskFlagId/resolve",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Resolve a risk flag with a reason (after a safety follow-up)",
        params: riskFlagParams,
        body: resolveRiskFlagRequest,
        response: { 200: riskFlagDetail, ...ruleErrors },
      },
    },
    async (request) => resolveRiskFlag(prisma, actorOf(request), request.params.riskFlagId, request.body),
  );
};
