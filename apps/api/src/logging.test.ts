// The calendar feed's token never reaches a log line: not in the request path, a message or an error.
import pino from "pino";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loggedPath, loggerOptions } from "./logging";

const TOKEN = "Zq3v8LwT0xY1mN2bC4dE5fG6hJ7kL9pR0sU1vW2xY3z";

function logger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino(loggerOptions("info") as pino.LoggerOptions, sink), lines };
}

describe("calendar feed tokens in logs", () => {
  it("are cut out of the logged request path", () => {
    expect(loggedPath(`/api/calendar/feeds/${TOKEN}?x=1`)).toBe("/api/calendar/feeds/[redacted]");
    expect(loggedPath("/api/clients/abc?q=name")).toBe("/api/clients/abc");
  });

  it("are cut out of messages, fields and errors that quote the URL", () => {
    const { log, lines } = logger();
    log.warn(`Reply was already sent in "/api/calendar/feeds/${TOKEN}" (GET)`);
    log.error(
      { err: new Error(`failed at /api/calendar/feeds/${TOKEN}`), url: `/api/calendar/feeds/${TOKEN}` },
      "oops",
    );
    log.info({ req: { id: "r1", method: "GET", url: `/api/calendar/feeds/${TOKEN}` } }, "incoming request");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).toContain("/api/calendar/feeds/[redacted]");
    }
  });
});
