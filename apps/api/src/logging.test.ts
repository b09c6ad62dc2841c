// Secret tokens never reach a log line (calendar feeds, questionnaire links): not in the request path, a
// message or an error.
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

describe("questionnaire link tokens in logs", () => {
  it("are cut out of the client's page path and the public API's paths", () => {
    expect(loggedPath(`/q/${TOKEN}`)).toBe("/q/[redacted]");
    expect(loggedPath(`/api/questionnaires/${TOKEN}`)).toBe("/api/questionnaires/[redacted]");
    expect(loggedPath(`/api/questionnaires/${TOKEN}/answers`)).toBe("/api/questionnaires/[redacted]/answers");
  });

  it("are cut out of messages that quote the URL", () => {
    const { log, lines } = logger();
    log.warn(`Reply was already sent in "/api/questionnaires/${TOKEN}/identity" (POST)`);
    expect(lines[0]).not.toContain(TOKEN);
    expect(lines[0]).toContain("/api/questionnaires/[redacted]/identity");
  });
});
