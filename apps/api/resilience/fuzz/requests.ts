// One operation's requests as a fast-check arbitrary: path parameters (real ids of either tenant,
// random uuids, hostile segments), the query from its declared parameters (plus stray and repeated
// keys), the Idempotency-Key header where declared, and a JSON body from the body schema — now and
// then malformed JSON, a wrong content type or no body at all. Headers that carry a session are
// added when sending, so a counterexample never shows a cookie or token.
import fc from "fast-check";
import { fuzzed, NASTY_STRINGS, type Hooks, type JsonSchema } from "./arbitraries";
import type { Operation, Parameter } from "./openapi";
import { required } from "../../src/errors/required";

export interface FuzzRequest {
  method: string;
  url: string;
  contentType?: string;
  idempotencyKey?: string;
  payload?: string;
}

/** Lone surrogates cannot be percent-encoded; the raw bytes of one are tried as a segment anyway. */
const encodeSegment = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, "\ufffd"));

const RAW_SEGMENTS = ["%ED%A0%80", "%FF", "%", "%00", "..", "%2e%2e", "%2F", "x".repeat(500)];

const pathSegment = (name: string, hooks: Hooks): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: hooks.uuid(name) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom(...NASTY_STRINGS))
        .map(encodeSegment)
        // An empty segment is another route ("/api/clients/" is the list), not a parameter value.
        .filter((segment) => segment.length > 0),
    },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  );

/** A header value must be printable ASCII for the HTTP layer to send it at all. */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, "");

/** A query value as text: strings as they are, anything else as JSON. */
const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function queryPairs(parameters: Parameter[], hooks: Hooks): fc.Arbitrary<[string, string][]> {
  const each = parameters.map((parameter) => {
    const value = fuzzed(parameter.schema, hooks, parameter.name).map(
      (v) => [[parameter.name, asText(v)]] as [string, string][],
    );
    const repeated = fc
      .tuple(value, value)
      .map(([first, second]) => [...first, ...second] as [string, string][]);
    return fc.oneof(
      { weight: parameter.required ? 8 : 3, arbitrary: value },
      { weight: 1, arbitrary: repeated },
      { weight: parameter.required ? 1 : 3, arbitrary: fc.constant([] as [string, string][]) },
    );
  });
  const stray = fc.option(
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 })).map((pair) => [pair]),
    { nil: [] as [string, string][], freq: 5 },
  );
  return fc.tuple(stray, ...each).map((groups) => groups.flat());
}

interface Body {
  contentType?: string;
  payload?: string;
}

const MALFORMED_JSON = ["{", '{"a":', "[]", "null", "", " ", "{}}", '{"a":1,"a":2}', "\u0000", "tru"];
const WRONG_CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/xml",
];

function bodyOf(schema: JsonSchema, hooks: Hooks): fc.Arbitrary<Body> {
  const json = fuzzed(schema, hooks).map((value) => JSON.stringify(value));
  return fc.oneof(
    { weight: 16, arbitrary: json.map((payload) => ({ contentType: "application/json", payload })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...MALFORMED_JSON)
        .map((payload) => ({ contentType: "application/json", payload })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...WRONG_CONTENT_TYPES), json)
        .map(([contentType, payload]) => ({ contentType, payload })),
    },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

export function requestArbitrary(operation: Operation, hooks: Hooks): fc.Arbitrary<FuzzRequest> {
  const inPath = operation.parameters.filter((p) => p.in === "path");
  const inQuery = operation.parameters.filter((p) => p.in === "query");
  const keyHeader = operation.parameters.find((p) => p.name === "idempotency-key");
  const segments = fc.tuple(...inPath.map((p) => pathSegment(p.name, hooks)));
  const idempotencyKey = keyHeader
    ? fc.option(
        fc.oneof(fuzzed(keyHeader.schema, hooks).map(asText), fc.string({ maxLength: 300 })).map(headerSafe),
        { nil: undefined },
      )
    : fc.constant(undefined);
  const body = operation.body ? bodyOf(operation.body, hooks) : fc.constant<Body>({});

  return fc
    .tuple(segments, queryPairs(inQuery, hooks), idempotencyKey, body)
    .map(([values, query, key, { contentType, payload }]) => {
      let index = 0;
      const path = operation.path.replace(/\{[A-Za-z]+\}/g, () =>
        required(values[index++], `a value for each parameter of ${operation.path}`),
      );
      const search = new URLSearchParams(
        query.map(([k, v]): [string, string] => [k, v.replace(/[\ud800-\udfff]/g, "\ufffd")]),
      );
      const url = search.size > 0 ? `${path}?${search.toString()}` : path;
      return {
        method: operation.method,
        url,
        ...(contentType ? { contentType } : {}),
        ...(key !== undefined ? { idempotencyKey: key } : {}),
        ...(payload !== undefined ? { payload } : {}),
      };
    });
}
