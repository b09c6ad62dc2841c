// Pino options: request ids on every line; no cookies, tokens, query strings or bodies, which may
// carry health information or secrets. A calendar feed's URL is its secret: its token is cut out.
import { CALENDAR_FEED_PATH_PREFIX } from "@ipt/shared";
import type { FastifyServerOptions } from "fastify";

/** The path to log: no query string, and no calendar feed token. */
export function loggedPath(url: string): string {
  const path = url.split("?")[0] ?? "";
  return path.startsWith(CALENDAR_FEED_PATH_PREFIX) ? `${CALENDAR_FEED_PATH_PREFIX}[redacted]` : path;
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
