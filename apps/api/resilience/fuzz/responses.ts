// Does a 2xx answer match what the OpenAPI document declares for its status? JSON Schema 2020-12
// (the document is OpenAPI 3.1) validated by Ajv with the standard formats (uuid, date, date-time).
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { LightMyRequestResponse } from "fastify";
import type { Operation } from "./openapi";

// Not strict: the document carries OpenAPI-only keywords (e.g. `example`) Ajv does not know.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const compiled = new Map<string, ValidateFunction>();

function validatorFor(operation: Operation, status: string): ValidateFunction | null | undefined {
  const schema = operation.responses[status];
  if (!schema) return schema;
  const key = `${operation.key} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/** Why a 2xx answer breaks its declared schema, or null when it keeps to it. */
export function responseMismatch(operation: Operation, response: LightMyRequestResponse): string | null {
  const status = String(response.statusCode);
  const validate = validatorFor(operation, status);
  if (validate === undefined) return `status ${status} is not declared`;
  if (validate === null) {
    return response.body === "" ? null : `status ${status} declares no body but one was sent`;
  }
  const contentType = response.headers["content-type"] ?? "";
  if (!contentType.startsWith("application/json")) return `content-type is "${contentType}", not JSON`;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return "the body is not JSON";
  }
  if (validate(body)) return null;
  // Where and what, never the values (they may be clinical text).
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}`)
    .join("; ");
}
