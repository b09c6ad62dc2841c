// A real SMTP server in the test process (the smtp-server package): the app's mailer sends to it over
// TCP, and each accepted message is parsed back (mailparser) before the server answers 250, so a test
// reads it as soon as the app's send resolved. `refuseNext` makes it answer 451 to the next messages.
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll } from "vitest";

export interface TestSmtpServer {
  /** SMTP_URL for the app. */
  url: string;
  /** Every accepted message, in order. */
  messages: ParsedMail[];
  /** The next `count` messages are refused with a temporary failure (451). */
  refuseNext(count?: number): void;
  /** The messages sent to one address. */
  to(address: string): ParsedMail[];
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (refusals > 0) {
            refusals -= 1;
            const refused = Object.assign(new Error("Try again later"), { responseCode: 451 });
            callback(refused);
            return;
          }
          messages.push(mail);
          callback();
        })
        .catch((error: unknown) => {
          callback(error instanceof Error ? error : new Error("unreadable message"));
        });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (count = 1) => {
      refusals += count;
    },
    to: (address) =>
      messages.filter((mail) => {
        const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
        return to.some((field) => field.value.some((entry) => entry.address === address));
      }),
  };
}

/** The settings an app needs to send e-mail to the test server. */
export const mailEnv = (smtp: TestSmtpServer) => ({
  SMTP_URL: smtp.url,
  PUBLIC_ORIGIN: "https://ipt.example.test",
  MAIL_FROM: "IPT test <no-reply@ipt.example.test>",
});
