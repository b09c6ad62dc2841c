import type { z } from "zod";

/**
 * Reads URL search params with a shared query schema. Values that do not fit the schema (a
 * hand-edited `?page=abc` or `?role=owner`) are dropped rather than breaking the page, so the
 * schema's defaults apply instead.
 */
export function parseSearchParams<S extends z.ZodType>(schema: S, params: URLSearchParams): z.output<S> {
  const raw = new Map<string, string>();
  for (const [key, value] of params) {
    if (value.trim() !== "") raw.set(key, value);
  }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const result = schema.safeParse(Object.fromEntries(raw));
    if (result.success) return result.data;
    const bad = new Set(result.error.issues.map((issue) => issue.path[0]));
    const before = raw.size;
    for (const key of [...raw.keys()]) if (bad.has(key)) raw.delete(key);
    if (raw.size === before) break;
  }
  return schema.parse({});
}
