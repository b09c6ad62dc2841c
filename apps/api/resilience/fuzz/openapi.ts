// The operations of the app's own OpenAPI document (@fastify/swagger, built from the routes' zod
// schemas): what the fuzz may send to each and what a 2xx answer must look like.
import type { JsonSchema } from "./arbitraries";

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** "POST /api/clients/{clientId}/courses" */
  key: string;
  method: string;
  /** The path as the document writes it, with `{name}` parameters. */
  path: string;
  parameters: Parameter[];
  /** The JSON body schema, when the operation declares a body. */
  body?: JsonSchema;
  /** The declared JSON schema of each status's answer (null: declared with no body, e.g. 204). */
  responses: Record<string, JsonSchema | null>;
}

interface DocumentOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, DocumentOperation>>;
}

/** The document's operations, in its order; the docs pages themselves are not API operations. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths)
    .filter(([path]) => !path.startsWith("/api/docs"))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([lower, operation]) => {
        const method = lower.toUpperCase();
        return {
          key: `${method} ${path}`,
          method,
          path,
          parameters: operation.parameters ?? [],
          body: operation.requestBody?.content["application/json"]?.schema,
          responses: Object.fromEntries(
            Object.entries(operation.responses ?? {}).map(([status, response]) => [
              status,
              response.content?.["application/json"]?.schema ?? null,
            ]),
          ),
        };
      }),
    );
}

/** The matrix's way of writing a route ("POST /api/x/:id") for an operation. */
export const routeKeyOf = (operation: Operation) =>
  `${operation.method} ${operation.path.replace(/\{([A-Za-z]+)\}/g, ":$1")}`;
