// Pino options: request ids on every line; no cookies, tokens, query strings or bodies, which may
// carry health information or secrets. A calendar feed's URL is its secret: its token is cut out of
// the request path and, should a framework message quote the URL, out of every message and error. So
// is a questionnaire link's token, in the client's page path and in the public API's.
import { CALENDAR_FEED_PATH_PREFIX, QUESTIONNAIRE_API_PREFIX, QUESTIONNAIRE_PAGE_PREFIX } from "@ipt/shared";
import type { FastifyServerOptions } from "fastify";

/** The paths whose next segment is a secret token. */
const TOKEN_PREFIXES = [CALENDAR_FEED_PATH_PREFIX, QUESTIONNAIRE_API_PREFIX, QUESTIONNAIRE_PAGE_PREFIX];
const TOKENS = TOKEN_PREFIXES.map((prefix) => ({
  prefix,
  pattern: new RegExp(`${prefix.replaceAll("/", "\\/")}[^\\s"'?#/]+`, "g"),
  redacted: `${prefix}[redacted]`,
}));

/** `text` with every calendar feed and questionnaire link token replaced. */
export function withoutFeedTokens(text: string): string {
  let out = text;
  for (const { prefix, pattern, redacted } of TOKENS) {
    if (out.includes(prefix)) out = out.replace(pattern, redacted);
  }
  return out;
}

/** The path to log: no query string, and no calendar feed token. */
export function loggedPath(url: string): string {
  return withoutFeedTokens(url.split("?")[0] ?? "");
}

/** A log line's own strings and its error's message and stack, without feed tokens. */
function scrubbed(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === "string") out[key] = withoutFeedTokens(value);
    else if (value instanceof Error) {
      value.message = withoutFeedTokens(value.message);
      if (value.stack) value.stack = withoutFeedTokens(value.stack);
      out[key] = value;
    } else out[key] = value;
  }
  return out;
}

export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return {
    level,
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: "[redacted]",
    },
    formatters: { log: scrubbed },
    hooks: {
      logMethod(args, method) {
        const clean = args.map((arg: unknown) => (typeof arg === "string" ? withoutFeedTokens(arg) : arg));
        method.apply(this, clean as Parameters<typeof method>);
      },
    },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        // The path only: search terms in query strings may name a client.
        path: loggedPath(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
