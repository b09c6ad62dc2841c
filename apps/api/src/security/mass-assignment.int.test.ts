// Proves that no write accepts a key it does not declare (mass assignment, OWASP API3:2023): every
// POST, PUT, PATCH and DELETE of the authorization matrix, sent by an actor allowed to make it with its
// valid body plus one extra key (therapistId, role, version, id, createdAt, signedAt, resolvedAt,
// active, passwordHash, isAdmin, constructor (also holding prototype), prototype, or an own
// `__proto__` key), answers 400 naming that key, changes no row, and pollutes no prototype; the same
// body without the key then succeeds, so the refusal was the key's alone. The OpenAPI document says
// the same: every request body is a closed object (additionalProperties: false).
import { describe, expect, it } from "vitest";
import { expectApiError } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import { maxId, tableStates, type SnapshotOptions } from "../../test/helpers/table-snapshot";
import { callParts, MATRIX, routeKeys, sessionFor, urlFor, type MatrixRow } from "../../test/security/matrix";
import { ACTORS, buildWorld, type HttpMethod } from "../../test/security/world";

const { app, prisma } = await createTestApp();
const world = await buildWorld(app, prisma);

interface BodySchema {
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  anyOf?: BodySchema[];
  type?: string;
}
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: BodySchema }> } }>
  >;
}
const openApi = app.swagger() as unknown as OpenApiDocument;

/** The body schema the OpenAPI document declares for a route, if any. */
function declaredBody(method: string, pattern: string): BodySchema | undefined {
  const operation = openApi.paths[pattern.replace(/:([A-Za-z]+)/g, "{$1}")]?.[method.toLowerCase()];
  const schema = operation?.requestBody?.content["application/json"]?.schema;
  // A write without input takes an empty object or no body at all (anyOf object | null).
  return schema?.anyOf?.find((member) => member.type === "object") ?? schema;
}

// The keys an attacker adds, each with a value that would matter if it were taken.
const EXTRA_KEYS: [string, string][] = [
  ["therapistId", JSON.stringify(world.other.therapist.id)],
  ["role", '"admin"'],
  ["version", "99"],
  ["id", JSON.stringify(crypto.randomUUID())],
  ["createdAt", '"2000-01-01T00:00:00.000Z"'],
  ["signedAt", '"2000-01-01T00:00:00.000Z"'],
  ["resolvedAt", '"2000-01-01T00:00:00.000Z"'],
  ["active", "false"],
  ["passwordHash", '"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"'],
  ["isAdmin", "true"],
  ["constructor", '{"name":"Object"}'],
  ["constructor", '{"prototype":{"isAdmin":true}}'],
  ["prototype", '{"isAdmin":true}'],
  // A JSON own key: JSON.parse keeps it as data, and only a careless merge would make it a prototype.
  ["__proto__", '{"isAdmin":true,"role":"admin"}'],
];

/** The valid body's JSON with one more key written into the text (so `__proto__` stays an own key). */
function withExtraKey(body: object | undefined, key: string, valueJson: string): string {
  const json = JSON.stringify(body ?? {});
  const rest = json === "{}" ? "" : `,${json.slice(1, -1)}`;
  return `{${JSON.stringify(key)}:${valueJson}${rest}}`;
}

const writeCases = MATRIX.flatMap((row) =>
  routeKeys(row.route)
    .filter((key) => !key.startsWith("GET ") && !key.startsWith("HEAD "))
    .map((key) => [key, row] as const),
);

/** The first actor the matrix lets make the write. */
function allowedActor(row: MatrixRow) {
  const actor = ACTORS.find((name) => row.expect[name] === "allow");
  if (!actor) throw new Error(`no actor may call ${row.route}`);
  return actor;
}

function expectNoPollution() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(pristinePrototype);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(({} as Record<string, unknown>).role).toBeUndefined();
}
const pristinePrototype = Object.getOwnPropertyNames(Object.prototype).sort();

/**
 * Where a schema has an object with named properties that says nothing of other keys (zod's default,
 * which drops them), e.g. "settings". Closed objects say `false`; a catchall that refuses each
 * unknown key by name (the fidelity scores) gives a schema.
 */
function openObjects(node: unknown, where: string): string[] {
  if (typeof node !== "object" || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((member, i) => openObjects(member, `${where}[${i}]`));
  const schema = node as Record<string, unknown>;
  const own = schema.properties && schema.additionalProperties === undefined ? [where || "(body)"] : [];
  return [
    ...own,
    ...Object.entries(schema).flatMap(([key, value]) => openObjects(value, where ? `${where}.${key}` : key)),
  ];
}

describe("mass assignment", () => {
  it("walks every write of the matrix", () => {
    expect(writeCases.length).toBeGreaterThan(40);
  });

  it("declares every object in every request body closed, nested ones too (settings, agenda items, scores)", () => {
    const open = Object.entries(openApi.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        openObjects(operation.requestBody?.content["application/json"]?.schema, "").map(
          (where) => `${method.toUpperCase()} ${path}: ${where}`,
        ),
      ),
    );
    expect(open).toEqual([]);
  });

  it.each([
    ["PUT /api/admin/settings/measurement", "settings"],
    ["PUT /api/admin/settings/measurement", "supervision"],
    ["PUT /api/admin/settings/measurement", "service"],
    ["PUT /api/admin/settings/measurement", "safety"],
  ])("a nested unknown key is refused too: %s %s", async (key, nested) => {
    const row = MATRIX.find((candidate) => routeKeys(candidate.route).includes(key))!;
    const ctx = { world, actor: "admin" as const, account: world.accounts.admin };
    const sent = await callParts(row, ctx);
    const body = sent.body as Record<string, Record<string, unknown>>;
    const response = await app.inject({
      method: "PUT",
      url: "/api/admin/settings/measurement",
      headers: (await sessionFor(row, ctx))!.headers,
      payload: { ...body, [nested]: { ...body[nested], isAdmin: true } },
    });
    const error = expectApiError(response, 400, "validation_failed");
    expect((error.fields ?? []).map((field) => `${field.field} ${field.message}`).join(" | ")).toContain(
      "isAdmin",
    );
  });

  it.each(writeCases)("%s refuses every undeclared key and changes nothing", async (key, row) => {
    const [method, pattern] = key.split(" ") as [HttpMethod, string];
    const actor = allowedActor(row);
    const ctx = { world, actor, account: actor === "anonymous" ? null : world.accounts[actor] };
    const sent = await callParts(row, ctx);
    const session = await sessionFor(row, ctx);
    const url = urlFor(pattern, sent.params, sent.query);
    const post = (payload: string) =>
      app.inject({
        method,
        url,
        headers: { ...(session?.headers ?? {}), "content-type": "application/json" },
        payload,
      });

    const declared = declaredBody(method, pattern);
    expect(declared?.additionalProperties, `${key} declares a closed body`).toBe(false);
    const known = new Set(Object.keys(declared?.properties ?? {}));
    const options: SnapshotOptions = {
      ignoreColumns: { login_sessions: ["last_seen_at"] },
      upToId: { audit_events: await maxId(prisma, "audit_events") },
    };
    const before = await tableStates(prisma, options);

    const extras = EXTRA_KEYS.filter(([name]) => !known.has(name));
    for (const [name, value] of extras) {
      const response = await post(withExtraKey(sent.body, name, value));
      const error = expectApiError(response, 400, "validation_failed");
      const messages = (error.fields ?? []).map((field) => field.message).join(" | ");
      expect(messages, `${key} + ${name}`).toContain(name);
    }
    expect(await tableStates(prisma, options), `${key}: a refused write changed a row`).toEqual(before);
    expectNoPollution();

    // Without the extra key the very same request succeeds: the key alone was refused.
    const good = await post(JSON.stringify(sent.body ?? {}));
    expect(good.statusCode, good.body).toBeGreaterThanOrEqual(200);
    expect(good.statusCode, good.body).toBeLessThan(300);
    await row.after?.(ctx, good, sent);
    expectNoPollution();
  });
});
