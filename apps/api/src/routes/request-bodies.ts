// Request bodies shared by routes. Every route declares its body, so an unknown key is refused with
// 400 naming it instead of being silently dropped.
import { z } from "zod";

/** The body of a write that takes no input: none at all (null to Fastify), or an empty JSON object. */
export const noBody = z.strictObject({}).nullish();
