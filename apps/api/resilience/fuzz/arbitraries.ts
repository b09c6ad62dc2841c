// JSON Schema → fast-check, for the subset @fastify/swagger writes for our zod schemas. `valid` draws
// values of the declared shape; `invalid` draws values with something wrong (a wrong type, a number
// out of range, a string too long or hostile, a missing or extra key, one bad property); `fuzzed`
// mixes them, mostly valid, so requests get past validation into the handlers as well as probing
// it. Nothing relies on an "invalid" value being refused: the fuzz checks answers, not inputs.
import fc from "fast-check";

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** What the document cannot say: which ids exist (by field name) and what an address looks like. */
export interface Hooks {
  uuid(name: string): fc.Arbitrary<string>;
  email(): fc.Arbitrary<string>;
}

/** Text that has broken parsers, databases and templates before (NUL and lone surrogates included). */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\uffff",
  "💥🧠",
  "e\u0301",
  "\u202egnp.exe",
  "\r\n\t",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "<script>alert(1)</script>",
  "../../../etc/passwd",
  "%00",
  "${7*7}{{7*7}}",
  "__proto__",
  "constructor",
  "null",
  "NaN",
  "-0",
  "1e309",
  "9".repeat(400),
];

const HUGE_STRINGS = ["x".repeat(100_000), "💥".repeat(30_000)];

/** Mostly printable ASCII; now and then any grapheme, or a control character, NUL or lone surrogate. */
const character = fc.oneof(
  { weight: 16, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "\u0000",
      "\u0007",
      "\u001b",
      "\u007f",
      "\ud800",
      "\udfff",
      "\ufeff",
      "\u2028",
    ),
  },
);

const INT32 = 2 ** 31 - 1;
const clampInt = (n: number) => Math.max(-INT32, Math.min(INT32, Math.trunc(n)));

const typesOf = (schema: JsonSchema): string[] =>
  schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];

const dateOf = fc.date({ min: new Date("1990-01-01"), max: new Date("2035-12-31"), noInvalidDate: true });
const dateText = dateOf.map((date) => date.toISOString().slice(0, 10));
const dateTimeText = dateOf.map((date) => date.toISOString());

const BAD_FORMATS: Record<string, string[]> = {
  uuid: ["not-a-uuid", "00000000-0000-0000-0000-00000000000", "{00000000-0000-4000-8000-000000000000}"],
  date: ["2025-02-30", "2025-13-01", "0000-00-00", "99999-01-01", "2025-1-1", "2025-01-01T00:00:00Z"],
  "date-time": ["2025-01-01", "2025-01-01T25:00:00Z", "2025-01-01T00:00:00+02:00", "1e12"],
  email: ["no-at-sign", "a@", "@b.test", "a@b", "a b@c.test"],
};

/** Small JSON values of every kind, for a value of the wrong type. */
const WRONG_TYPES: Record<string, unknown[]> = {
  null: [null],
  boolean: [true, false],
  integer: [0, -1, 12345],
  number: [1.5, -0.25],
  string: ["text", "1"],
  array: [[], [1, "a", null]],
  object: [{}, { a: 1 }],
};

function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> {
  const members = schema.anyOf ?? schema.oneOf ?? [schema];
  const allowed = new Set(members.flatMap(typesOf));
  if (allowed.has("number")) allowed.add("integer");
  const values = Object.entries(WRONG_TYPES)
    .filter(([type]) => !allowed.has(type))
    .flatMap(([, candidates]) => candidates);
  return fc.constantFrom(...values);
}

function bounds(schema: JsonSchema, integer: boolean) {
  const step = integer ? 1 : Number.EPSILON;
  const lo = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + step : schema.minimum;
  const hi = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - step : schema.maximum;
  return { lo, hi };
}

function validInteger(schema: JsonSchema, name: string): fc.Arbitrary<number> {
  const { lo: rawLo, hi: rawHi } = bounds(schema, true);
  const lo = clampInt(rawLo ?? -INT32);
  const hi = clampInt(rawHi ?? INT32);
  // Versions, counts and scores are small: most draws stay near zero (within the bounds), and a
  // version nearer still, so that some writes carry the record's current one.
  const near = Math.min(Math.max(0, lo), hi);
  const span = /version$/i.test(name) ? 3 : 10;
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: near, max: Math.min(hi, near + span) }) },
    { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) },
    { weight: 1, arbitrary: fc.constantFrom(lo, hi) },
  );
}

function validNumber(schema: JsonSchema, name: string): fc.Arbitrary<number> {
  const { lo, hi } = bounds(schema, false);
  return fc.oneof(
    { weight: 3, arbitrary: validInteger(schema, name) },
    {
      weight: 1,
      arbitrary: fc.double({ min: lo ?? -1e9, max: hi ?? 1e9, noNaN: true, noDefaultInfinity: true }),
    },
  );
}

function validString(schema: JsonSchema, hooks: Hooks, name: string): fc.Arbitrary<string> {
  if (schema.format === "uuid") return hooks.uuid(name);
  if (schema.format === "date") return dateText;
  if (schema.format === "date-time") return dateTimeText;
  if (schema.format === "email" || /email$/i.test(name)) return hooks.email();
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 200);
  const short = Math.min(max, min + 40);
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: character, minLength: min, maxLength: short }) },
    { weight: 1, arbitrary: fc.string({ minLength: max, maxLength: max }) },
  );
}

function validArray(schema: JsonSchema, hooks: Hooks, name: string): fc.Arbitrary<unknown[]> {
  const item = valid(schema.items ?? {}, hooks, name);
  const min = schema.minItems ?? 0;
  const max = schema.maxItems ?? min + 5;
  // Fixed-length lists (the items of a questionnaire) are valid only when full: draw that often.
  return fc.oneof(
    fc.array(item, { minLength: min, maxLength: max }),
    fc.array(item, { minLength: max, maxLength: max }),
  );
}

function validObject(schema: JsonSchema, hooks: Hooks): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0 && typeof schema.additionalProperties === "object") {
    return fc.dictionary(fc.string({ maxLength: 20 }), valid(schema.additionalProperties, hooks), {
      maxKeys: 5,
    });
  }
  const model = Object.fromEntries(properties.map(([key, child]) => [key, valid(child, hooks, key)]));
  return fc.record(model, { requiredKeys: schema.required ?? [] });
}

/** A value of the declared shape (`name` is the field or parameter it is for). */
export function valid(schema: JsonSchema, hooks: Hooks, name = ""): fc.Arbitrary<unknown> {
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const members = schema.anyOf ?? schema.oneOf;
  if (members) return fc.oneof(...members.map((member) => valid(member, hooks, name)));
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => valid({ ...schema, type }, hooks, name)));
  if (schema.nullable) return fc.option(valid({ ...schema, nullable: false }, hooks, name), { nil: null });
  switch (types[0]) {
    case "string":
      return validString(schema, hooks, name);
    case "integer":
      return validInteger(schema, name);
    case "number":
      return validNumber(schema, name);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return validArray(schema, hooks, name);
    case "object":
      return validObject(schema, hooks);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function invalidString(schema: JsonSchema): fc.Arbitrary<unknown>[] {
  const breakers: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...NASTY_STRINGS),
    fc.constantFrom(...HUGE_STRINGS),
    fc.string({ unit: "binary", maxLength: 60 }),
  ];
  if (schema.maxLength !== undefined) {
    const over = schema.maxLength + 1;
    breakers.push(fc.string({ minLength: over, maxLength: over + 20 }));
  }
  if (schema.minLength) breakers.push(fc.string({ maxLength: schema.minLength - 1 }));
  const badFormats = BAD_FORMATS[schema.format ?? ""];
  if (badFormats) breakers.push(fc.constantFrom(...badFormats));
  return breakers;
}

function invalidNumber(schema: JsonSchema, integer: boolean): fc.Arbitrary<unknown>[] {
  const { lo, hi } = bounds(schema, integer);
  const candidates = [
    lo !== undefined ? lo - 1 : -1e15,
    hi !== undefined ? hi + 1 : 1e15,
    1e308,
    -1e308,
    2 ** 53 + 2,
    ...(integer ? [1.5, -0.5] : []),
  ];
  return [fc.constantFrom(...candidates), fc.constantFrom("1", "1e3", "0x10")];
}

function invalidObject(schema: JsonSchema, hooks: Hooks): fc.Arbitrary<unknown>[] {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const whole = validObject(schema, hooks);
  const breakers: fc.Arbitrary<unknown>[] = [
    // An extra key: ones that would matter if taken, or any.
    fc
      .tuple(
        whole,
        fc.oneof(fc.constantFrom("id", "therapistId", "role", "version", "__proto__"), fc.string()),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([value, key, extra]) => ({ ...value, [key]: extra })),
  ];
  if (required.length > 0) {
    breakers.push(
      fc.tuple(whole, fc.constantFrom(...required)).map(([value, key]) => {
        const { [key]: _dropped, ...rest } = value;
        return rest;
      }),
    );
  }
  // One property wrong, the rest valid.
  for (const [key, child] of Object.entries(properties)) {
    breakers.push(
      fc.tuple(whole, invalid(child, hooks, key)).map(([value, bad]) => ({ ...value, [key]: bad })),
    );
  }
  return breakers;
}

/** A value with something wrong with it (best effort: under a union it may still be valid). */
export function invalid(schema: JsonSchema, hooks: Hooks, name = ""): fc.Arbitrary<unknown> {
  const members = schema.anyOf ?? schema.oneOf;
  if (members) return fc.oneof(wrongType(schema), ...members.map((member) => invalid(member, hooks, name)));
  const breakers: fc.Arbitrary<unknown>[] = [wrongType(schema)];
  if (schema.enum) breakers.push(fc.constantFrom(...schema.enum.map((v) => `${String(v)}X`), "", "ANY"));
  for (const type of typesOf(schema)) {
    if (type === "string") breakers.push(...invalidString(schema));
    if (type === "integer" || type === "number") breakers.push(...invalidNumber(schema, type === "integer"));
    if (type === "array") {
      const item = valid(schema.items ?? {}, hooks, name);
      const over = (schema.maxItems ?? 50) + 1;
      breakers.push(
        fc.array(item, { minLength: over, maxLength: over + 3 }),
        fc.array(invalid(schema.items ?? {}, hooks, name), { minLength: 1, maxLength: 3 }),
      );
    }
    if (type === "object") breakers.push(...invalidObject(schema, hooks));
  }
  return fc.oneof(...breakers);
}

/** Mostly valid (7 in 10), else something wrong. */
export const fuzzed = (schema: JsonSchema, hooks: Hooks, name = ""): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 7, arbitrary: valid(schema, hooks, name) },
    { weight: 3, arbitrary: invalid(schema, hooks, name) },
  );
