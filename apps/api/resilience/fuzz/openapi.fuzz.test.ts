// Fuzzing from the OpenAPI document (issue 6): every operation the document lists × each of the seven
// actors of the security world, RESILIENCE_FUZZ_RUNS (default 200) fast-check runs each with a fixed
// seed, each a request generated from the operation's declared parameters and body (mostly valid,
// else wrong in one way or another; see arbitraries.ts and requests.ts) sent through app.inject to
// the real app on a real PostgreSQL. Proves: no answer is a 5xx, and every 2xx matches the response
// schema the document declares for its status. Before that, every operation that takes a body gets
// one over the body limit from each actor: 413 with the API's error body — or, for an actor the
// route's policy turns away before the body is read, that refusal (401/403, as the matrix says).
// Its own vitest project ("fuzz"); `pnpm test:resilience` runs it (scenarios/fuzz.ts).
import { apiErrorBody } from "@ipt/shared";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { FHIR_IMPORT_BODY_LIMIT } from "../../src/routes/fhir";
import { createTestApp } from "../../test/helpers/app";
import { defaultParams, MATRIX, routeKeys, urlFor, type MatrixRow } from "../../test/security/matrix";
import { ACTORS, buildWorld, type ActorName } from "../../test/security/world";
import { Actors } from "./actors";
import { operationsOf, routeKeyOf, type OpenApiDocument, type Operation } from "./openapi";
import { requestArbitrary, type FuzzRequest } from "./requests";
import { responseMismatch } from "./responses";
import { Tally } from "./tally";
import { worldHooks } from "./world-ids";

const RUNS = Number(process.env.RESILIENCE_FUZZ_RUNS ?? 200);
const SEED = 20_260_601;

// Sign-in is rate limited per address, and every request here comes from one: lift the limit so the
// sign-in route is fuzzed (and sessions renewed) without 429s hiding it.
const { app, prisma } = await createTestApp({ LOGIN_RATE_LIMIT_MAX: "1000000" });
const world = await buildWorld(app, prisma);
const actors = await Actors.of(world);
const hooks = worldHooks(world);
const operations = operationsOf(app.swagger() as unknown as OpenApiDocument);
const matrixRows = new Map<string, MatrixRow>(
  MATRIX.flatMap((row) => routeKeys(row.route).map((key) => [key, row] as const)),
);

const tally = new Tally(operations.map((operation) => operation.key));
tally.actors = ACTORS.length;
tally.runsEach = RUNS;

/** A fixed seed per operation and actor (FNV-1a of their names over SEED), stable as routes are added. */
function seedOf(operation: Operation, actor: ActorName): number {
  let hash = 0x811c9dc5 ^ SEED;
  for (const char of `${operation.key} ${actor}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

afterAll(() => {
  tally.repairs = actors.repairs;
  tally.publish();
});

describe("oversize bodies", () => {
  it("every operation with a body answers 413 to a body over the limit (or refuses the actor first)", async () => {
    const appLimit = app.initialConfig.bodyLimit ?? 0;
    // Routes that take whole documents have a larger limit of their own.
    const limitOf = (key: string) =>
      key === "POST /api/admin/fhir/import" ? FHIR_IMPORT_BODY_LIMIT : appLimit;
    const failures: string[] = [];
    for (const operation of operations.filter((op) => op.body)) {
      const payload = JSON.stringify({ filler: "x".repeat(limitOf(routeKeyOf(operation))) });
      const row = matrixRows.get(routeKeyOf(operation));
      if (!row) throw new Error(`${operation.key} is missing from the authorization matrix`);
      const url = urlFor(routeKeyOf(operation).split(" ")[1]!, defaultParams(world));
      for (const actor of ACTORS) {
        const request: FuzzRequest = {
          method: operation.method,
          url,
          contentType: "application/json",
          payload,
        };
        const response = await actors.call(actor, request);
        tally.oversizeChecks += 1;
        const expected = row.expect[actor];
        const refusedFirst = (expected === 401 || expected === 403) && response.statusCode === expected;
        const shaped = apiErrorBody.safeParse(JSON.parse(response.body || "null"));
        const tooLarge =
          response.statusCode === 413 && shaped.success && shaped.data.error.code === "payload_too_large";
        if (!tooLarge && !refusedFirst) {
          tally.oversizeFailures += 1;
          failures.push(
            `${operation.key} as ${actor}: ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe(`fuzzing every operation × ${ACTORS.length} actors, ${RUNS} runs each`, () => {
  for (const operation of operations) {
    it(operation.key, async () => {
      const requests = requestArbitrary(operation, hooks);
      const failures: string[] = [];
      for (const actor of ACTORS) {
        const property = fc.asyncProperty(requests, async (request) => {
          const response = await actors.call(actor, request);
          tally.answered(operation.key, response.statusCode);
          if (response.statusCode >= 500) throw new Error(`answered ${response.statusCode}`);
          if (response.statusCode >= 200 && response.statusCode < 300) {
            const mismatch = responseMismatch(operation, response);
            if (mismatch) {
              tally.schemaMismatches += 1;
              throw new Error(`${response.statusCode} does not match its declared schema: ${mismatch}`);
            }
          }
        });
        const details = await fc.check(property, { numRuns: RUNS, seed: seedOf(operation, actor) });
        tally.cases += details.numRuns;
        if (details.failed) {
          // The counterexample is the generated request: no cookie or token is part of it.
          const report = (await fc.asyncDefaultReportMessage(details)) ?? "failed";
          failures.push(`${operation.key} as ${actor}: ${report.slice(0, 3000)}`);
        }
      }
      tally.failures.push(...failures);
      expect(failures).toEqual([]);
    });
  }
});
