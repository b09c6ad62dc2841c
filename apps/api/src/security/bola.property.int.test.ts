// Proves, by property (fast-check, fixed seed, 1,000 runs, real PostgreSQL), that object-level access
// control holds across tenants: for a random actor (either tenant's therapist or supervisor, an admin,
// a deactivated therapist, anonymous), a random route (every GET of the matrix, and the writes below
// with a valid body) and record ids drawn from either tenant, the wrong kind of record, or nowhere, a
// 2xx answer implies the access oracle (test/security/oracle.ts) allows the request — and every record
// id the answer mentions is one the actor may read.
import { followUpBody } from "../../test/helpers/measures";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import { MATRIX, routeKeys, urlFor } from "../../test/security/matrix";
import {
  KIND_OF,
  mayRead,
  oracleAllows,
  type KnownRecord,
  type OracleActor,
  type OracleWorld,
  type Reference,
} from "../../test/security/oracle";
import {
  ACTORS,
  buildWorld,
  fidelityScoresOf,
  recordsOf,
  send,
  type ActorName,
  type HttpMethod,
  type Tenant,
} from "../../test/security/world";

const { app, prisma } = await createTestApp();
const world = await buildWorld(app, prisma);

/**
 * Writes tried with a valid body. Left out: those that end sessions, deactivate or re-link accounts,
 * change organisation settings, or use up the fixtures (resolve, sign, complete, plan edits) — the
 * matrix covers each of them for every actor. `bodyRefs` names ids the body carries.
 */
const WRITES: Record<string, { body: () => object; bodyRefs?: string[] }> = {
  "POST /api/clients": { body: () => ({ displayName: "Bola Client", referralReason: "Bola referral" }) },
  "PATCH /api/clients/:clientId": { body: () => ({ version: 1, yearOfBirth: 1981 }) },
  "POST /api/clients/:clientId/inventory/people": {
    body: () => ({ label: "Bola friend", relationship: "friend", ring: "outer" }),
  },
  "PATCH /api/clients/:clientId/inventory/people/:personId": {
    body: () => ({ version: 1, support: "Bola" }),
  },
  "POST /api/clients/:clientId/inventory/events": {
    body: () => ({ occurredOn: "2025-09-01", kind: "other", description: "Bola event" }),
    bodyRefs: ["personId"],
  },
  "PATCH /api/sessions/:sessionId": { body: () => ({ version: 1, nextFocus: "Bola focus" }) },
  "POST /api/sessions/:sessionId/amendments": { body: () => ({ reason: "Bola", text: "Bola amendment" }) },
  "POST /api/courses/:courseId/measures": {
    body: () => ({ instrument: "hamd17", total: 10 }),
    bodyRefs: ["sessionId"],
  },
  "POST /api/risk-flags/:riskFlagId/follow-ups": {
    body: () => followUpBody({ supervisorInformed: true }),
    bodyRefs: ["supervisorId"],
  },
  "PUT /api/sessions/:sessionId/fidelity": { body: () => ({ version: 0, scores: fidelityScoresOf(3) }) },
  "POST /api/courses/:courseId/review-threads": {
    body: () => ({ target: "session", kind: "comment", body: "Bola comment" }),
    bodyRefs: ["sessionId"],
  },
  "POST /api/review-threads/:threadId/messages": { body: () => ({ body: "Bola reply" }) },
  "POST /api/courses/:courseId/cosignatures": {
    body: () => ({ target: "session" }),
    bodyRefs: ["sessionId"],
  },
  "PATCH /api/admin/users/:userId": { body: () => ({ name: "Bola Renamed" }) },
};

const policyOf = new Map(app.registeredRoutes.map((route) => [`${route.method} ${route.url}`, route.policy]));

interface RouteUnderTest {
  key: string;
  method: HttpMethod;
  pattern: string;
  params: string[];
  /** Ids carried in the query or the body, by name. */
  extraRefs: string[];
  write?: (typeof WRITES)[string];
}

const matrixKeys = MATRIX.flatMap((row) => routeKeys(row.route));
const routes: RouteUnderTest[] = [
  ...matrixKeys.filter((key) => key.startsWith("GET ")),
  ...Object.keys(WRITES),
]
  .map((key) => {
    const [method, pattern] = key.split(" ") as [HttpMethod, string];
    return {
      key,
      method,
      pattern,
      params: [...pattern.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!),
      // The cockpit is filtered by a therapist the supervisor must supervise.
      extraRefs: key === "GET /api/supervision/cockpit" ? ["therapistId"] : (WRITES[key]?.bodyRefs ?? []),
      write: WRITES[key],
    };
  })
  // Routes keyed by a secret (the calendar feed's token) name no record of a tenant: their own
  // integration tests check that a wrong token answers like an unknown one.
  .filter((route) => route.params.every((name) => name in KIND_OF));

// --- What the fixtures hold, for the oracle ---

const records = new Map<string, KnownRecord>();
function addTenant(tenant: Tenant) {
  for (const { id, ...record } of recordsOf(tenant)) {
    records.set(id, { ...record, therapistId: tenant.therapist.id });
  }
}
addTenant(world.owner);
addTenant(world.other);
records.set(world.deactivatedClientId, { kind: "client", therapistId: world.accounts.deactivated.id });
for (const account of [...Object.values(world.accounts), world.loginProbe]) {
  records.set(account.id, { kind: "user", therapistId: account.id });
}

const supervision = new Set([
  `${world.owner.supervisor.id}>${world.owner.therapist.id}`,
  `${world.other.supervisor.id}>${world.other.therapist.id}`,
]);
const oracleWorld: OracleWorld = {
  records,
  supervises: (supervisorId, therapistId) => supervision.has(`${supervisorId}>${therapistId}`),
};

const actorOf = (name: ActorName): OracleActor | null => {
  if (name === "anonymous") return null;
  const account = world.accounts[name];
  return { userId: account.id, role: account.role, active: name !== "deactivated" };
};

// --- Generators ---

const ids = [...records.keys()];
const idsOfKind = (kind: KnownRecord["kind"]) => ids.filter((id) => records.get(id)!.kind === kind);

/** Mostly an id of the right kind from any tenant, sometimes any known id, sometimes one that names nothing. */
const idFor = (name: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...idsOfKind(KIND_OF[name]!)) },
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
  );

const caseArb = fc
  .record({ actor: fc.constantFrom(...ACTORS), route: fc.constantFrom(...routes) })
  .chain(({ actor, route }) =>
    fc
      .tuple(...[...route.params, ...route.extraRefs].map((name) => idFor(name).map((id) => ({ name, id }))))
      .map((refs: Reference[]) => ({ actor, route, refs })),
  );

function requestOf(route: RouteUnderTest, refs: Reference[]) {
  const byName = Object.fromEntries(refs.map((ref) => [ref.name, ref.id]));
  const extras = Object.fromEntries(route.extraRefs.map((name) => [name, byName[name]!]));
  const query = route.method === "GET" && route.extraRefs.length ? extras : undefined;
  const body = route.write ? { ...route.write.body(), ...extras } : undefined;
  return { url: urlFor(route.pattern, byName, query), body };
}

/** Known clinical record ids an answer mentions. */
const clinicalIdsIn = (text: string) =>
  ids.filter((id) => records.get(id)!.kind !== "user" && text.includes(id));

describe("object-level authorization (BOLA) by property", () => {
  it("every write tried is a route of the matrix", () => {
    for (const key of Object.keys(WRITES)) expect(matrixKeys, key).toContain(key);
  });

  it("a 2xx answer implies the oracle allows the request (reads: exactly when it does) and names only records the actor may read", async () => {
    const tally = { runs: 0, allowed: 0, denied: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ actor, route, refs }) => {
        const { url, body } = requestOf(route, refs);
        const session = actor === "anonymous" ? null : world.accounts[actor].session;
        const response = await send(app, session, route.method, url, body);
        tally.runs += 1;
        const who = actorOf(actor);
        const policy = policyOf.get(route.key)!;
        const allowed = oracleAllows(
          oracleWorld,
          who,
          { method: route.method, url: route.pattern, policy },
          refs,
        );
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        expect(response.statusCode, `${route.key} as ${actor}: ${response.body}`).toBeLessThan(500);
        // A read depends on nothing but access, so there the oracle is exact: allowed ⇔ 2xx.
        if (route.method === "GET")
          expect(ok, `${route.key} as ${actor}: ${response.statusCode}`).toBe(allowed);
        if (!ok) {
          tally.denied += 1;
          return;
        }
        tally.allowed += 1;
        expect(allowed, `${route.key} as ${actor} answered ${response.statusCode}`).toBe(true);
        // The audit log names records by id for admins; nothing else may name one the actor cannot read.
        if (route.key === "GET /api/admin/audit-events") return;
        for (const id of clinicalIdsIn(response.body)) {
          expect(mayRead(oracleWorld, who, records.get(id)!), `${route.key} as ${actor} names ${id}`).toBe(
            true,
          );
        }
      }),
      { seed: 20261126, numRuns: 1000 },
    );
    // The property must not hold vacuously: both answers occur often.
    expect(tally.runs).toBeGreaterThanOrEqual(1000);
    expect(tally.allowed).toBeGreaterThan(100);
    expect(tally.denied).toBeGreaterThan(300);
    console.info(`BOLA property: ${tally.runs} runs, ${tally.allowed} allowed, ${tally.denied} refused`);
  }, 120_000);
});
