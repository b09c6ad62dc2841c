// PostgreSQL text cannot hold U+0000 (it fails the statement with 22021), so a NUL anywhere in a
// request would reach the database and come back as a 500. Every route refuses it up front instead,
// as a validation error naming the fields. Found by the OpenAPI fuzz (resilience/fuzz).
import type { FastifyInstance } from "fastify";
import { invalidFields } from "../errors/app-error";

const NUL = "\u0000";
const MAX_REPORTED = 10;

/** Adds the dotted path of every key or string under `value` that holds a NUL (a few at most). */
function collectNulPaths(value: unknown, path: string, found: string[]) {
  if (found.length >= MAX_REPORTED) return;
  if (typeof value === "string") {
    if (value.includes(NUL)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collectNulPaths(item, `${path}.${index}`, found));
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes(NUL)) found.push(path);
      else collectNulPaths(child, `${path}.${key}`, found);
    }
  }
}

export function refuseNulCharacters(app: FastifyInstance) {
  app.addHook("preValidation", async (request) => {
    const found: string[] = [];
    collectNulPaths(request.params, "params", found);
    collectNulPaths(request.query, "query", found);
    collectNulPaths(request.body, "body", found);
    if (found.length === 0) return;
    const fields = found.map((field) => ({ field, message: "Must not contain a NUL character." }));
    throw invalidFields(fields);
  });
}
