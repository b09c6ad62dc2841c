// Load shedding: far beyond capacity, answering a quick 503 with Retry-After keeps the process
// responsive and lets it recover once the load drops, where queueing every request would not.
// @fastify/under-pressure samples the event loop once a second; while the mean delay or the busy
// share of the last second is over its limit, requests are refused in onRequest, before any session
// lookup or query. The refusal goes through the error handler, so it is the shared error body.
// Only sustained pressure sheds: a single busy second (a burst of heavy requests arriving together)
// is absorbed within that second, and refusing it would turn a short wait into errors for people.
import fastifyUnderPressure from "@fastify/under-pressure";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Config } from "../config/config";
import { AppError } from "../errors/app-error";

/** Seconds a shed client is asked to wait; the sampler looks again every second. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 5;
const SAMPLE_INTERVAL_MS = 1_000;
/** Samples in a row over a limit before shedding starts. */
const SUSTAINED_SAMPLES = 2;

/** For `config.pressureHandler` on a route that must answer even under load (the liveness probe). */
export const answerEvenUnderPressure = () => undefined;

export async function registerOverloadShedding(
  app: FastifyInstance,
  config: Pick<Config, "OVERLOAD_MAX_EVENT_LOOP_DELAY_MS" | "OVERLOAD_MAX_EVENT_LOOP_UTILIZATION">,
) {
  // Building the app (compiling every route's schemas) keeps the event loop busy; the first two
  // samples after start-up may still cover that work, and it is not load.
  let sheddingFrom = Number.POSITIVE_INFINITY;
  // Samples in a row that found the process under pressure (read once a sample interval).
  let samplesUnderPressure = 0;
  let pressureWatch: NodeJS.Timeout | undefined;
  app.addHook("onReady", async () => {
    sheddingFrom = Date.now() + 2 * SAMPLE_INTERVAL_MS;
    pressureWatch = setInterval(() => {
      samplesUnderPressure = app.isUnderPressure() ? samplesUnderPressure + 1 : 0;
    }, SAMPLE_INTERVAL_MS);
    pressureWatch.unref();
  });
  app.addHook("onClose", async () => clearInterval(pressureWatch));
  await app.register(fastifyUnderPressure, {
    maxEventLoopDelay: config.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
    maxEventLoopUtilization: config.OVERLOAD_MAX_EVENT_LOOP_UTILIZATION,
    // The last second, not the average since start-up: shedding must stop soon after the load does.
    eventLoopUtilizationMode: "interval",
    sampleInterval: SAMPLE_INTERVAL_MS,
    // A rejected promise goes to the error handler (AppError → the shared body, status 503).
    pressureHandler: async (_request, reply: FastifyReply) => {
      if (Date.now() < sheddingFrom || samplesUnderPressure < SUSTAINED_SAMPLES) return;
      reply.header("retry-after", OVERLOAD_RETRY_AFTER_SECONDS);
      throw new AppError("service_unavailable", "The server is busy. Try again in a few seconds.");
    },
  });
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** under-pressure's per-route handler; see answerEvenUnderPressure. */
    pressureHandler?: () => undefined;
  }
}
