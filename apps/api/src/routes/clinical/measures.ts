// Measurement-based care and safety: record and correct rating-scale scores, follow up and resolve
// risk flags (the client's therapist only), and read a course's measures (the therapist, or a
// supervisor assigned to the therapist). Services answer 404 for anyone else (see clinical/access.ts).
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { correctMeasure, getCourseMeasures, recordMeasure } from "../../clinical/measures/measures-service";
import { recordFollowUp, resolveRiskFlag } from "../../clinical/measures/risk-service";
import { idempotentWrite, type ReplayAudit } from "../../idempotency/idempotent-route";
import { defineRoute } from "../define-route";
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
const { measures } = endpoints;

export const measureRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    measures.get,
    {
      config: clinicalReader,
      tags,
      summary: "A course's scores, outcome, measurement schedule, alerts and risk flags",
      errors: recordErrors,
    },
    async (request) => getCourseMeasures(prisma, actorOf(request), request.params.courseId),
  );

  defineRoute(
    app,
    measures.record,
    {
      config: therapist,
      tags,
      summary:
        "Record a PHQ-9, GAD-7 or HAM-D-17 score at a held session (PHQ-9 item 9 above 0 raises a risk flag); an Idempotency-Key makes a retry safe",
      errors: ruleErrors,
    },
    async (request, reply) => {
      const write = idempotentWrite(prisma, request, measures.record.status, MEASURE_REPLAY);
      const { courseId } = request.params;
      return write.send(
        reply,
        await recordMeasure(prisma, actorOf(request), courseId, request.body, write.run),
      );
    },
  );

  defineRoute(
    app,
    measures.correct,
    {
      config: therapist,
      tags,
      summary: "Correct the latest version of a score; the original is kept",
      errors: writeErrors,
    },
    async (request) => correctMeasure(prisma, actorOf(request), request.params.measureId, request.body),
  );

  defineRoute(
    app,
    measures.recordFollowUp,
    {
      config: therapist,
      tags,
      summary: "Record the safety follow-up of a risk flag",
      errors: writeErrors,
    },
    async (request) => recordFollowUp(prisma, actorOf(request), request.params.riskFlagId, request.body),
  );

  defineRoute(
    app,
    measures.resolveRiskFlag,
    {
      config: therapist,
      tags,
      summary: "Resolve a risk flag with a reason (after a safety follow-up)",
      errors: ruleErrors,
    },
    async (request) => resolveRiskFlag(prisma, actorOf(request), request.params.riskFlagId, request.body),
  );
};
