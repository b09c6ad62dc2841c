// What route plugins receive: the database client and the rules derived from configuration.
import type { SessionTimeouts } from "./auth/login-sessions";
import type { ThrottleRules } from "./auth/throttle";
import type { PrismaClient } from "./db/prisma";
import type { Mailer } from "./mail/mailer";

export interface AppContext {
  prisma: PrismaClient;
  timeouts: SessionTimeouts;
  throttle: ThrottleRules;
  loginRateLimit: { max: number; timeWindowMs: number };
  /** "Now" for session and sign-in rules; tests inject one to cross time limits without waiting. */
  clock: () => Date;
  /** The one mail sender (docs/decisions/020); `available` is false without SMTP_URL. */
  mailer: Mailer;
  /** PUBLIC_ORIGIN, when configured: the origin browsers reach the app at (passkeys are bound to it). */
  publicOrigin: string | undefined;
}
