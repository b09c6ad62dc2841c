// The one way the API sends e-mail (docs/decisions/020): nodemailer over SMTP_URL. Without SMTP_URL the
// mailer is "unavailable" and nothing may call send(); features offer their link some other way. A
// message carries no health information: the callers build their text in ./messages.ts.
import nodemailer from "nodemailer";
import type { Config } from "../config/config";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** True when SMTP_URL is configured. */
  readonly available: boolean;
  /** The origin the links in a message start with (PUBLIC_ORIGIN). */
  readonly linkOrigin: string | null;
  /** Resolves once the SMTP server accepted the message; rejects with MailError otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** A message the server did not accept; its message names no address (it may be logged). */
export class MailError extends Error {
  constructor(readonly responseCode: number | null) {
    super(
      responseCode
        ? `The mail server refused the message (${responseCode}).`
        : "The mail server could not be reached.",
    );
    this.name = "MailError";
  }
}

const unavailable: Mailer = {
  available: false,
  linkOrigin: null,
  send: () => Promise.reject(new Error("E-mail is not configured (SMTP_URL).")),
  close: () => undefined,
};

export function createMailer(config: Pick<Config, "SMTP_URL" | "MAIL_FROM" | "PUBLIC_ORIGIN">): Mailer {
  if (!config.SMTP_URL || !config.PUBLIC_ORIGIN) return unavailable;
  const transport = nodemailer.createTransport(
    // Bounded: the automatic sending holds its claim on a row while a message is sent.
    { url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
    { from: config.MAIL_FROM },
  );
  return {
    available: true,
    linkOrigin: config.PUBLIC_ORIGIN,
    async send(message) {
      try {
        await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        // nodemailer's own error text can quote the recipient: only the SMTP status code travels on.
        const code = (error as { responseCode?: unknown }).responseCode;
        throw new MailError(typeof code === "number" ? code : null);
      }
    },
    close: () => transport.close(),
  };
}
