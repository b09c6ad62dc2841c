// Configuration from the environment, validated once at start-up. Every invalid variable is named.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .transform((value) => value === "true" || value === "1");

const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Unset: an embedded PostgreSQL in EMBEDDED_PG_DIR is started and stopped with the app. */
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "Must be a postgresql:// connection string." })
      .optional(),
    /**
     * The schema owner's connection, for migrations and the grants that follow them; DATABASE_URL is
     * then the app's least-privilege role (docs/security.md "Database roles"). Unset: DATABASE_URL does both.
     */
    MIGRATION_DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "Must be a postgresql:// connection string." })
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** How long a request waits for a pooled database connection before it answers 503. */
    DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** Overload shedding (503 + Retry-After): mean event-loop delay over a second; 0 turns it off. */
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1_000),
    /** Overload shedding: the event loop's busy share over the last second (0–1); 0 turns it off. */
    OVERLOAD_MAX_EVENT_LOOP_UTILIZATION: z.coerce.number().min(0).max(1).default(0.98),
    EMBEDDED_PG_DIR: z
      .string()
      .min(1)
      .default(path.join(repoRoot, ".data", "postgres")),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
    MIGRATE_ON_START: booleanFlag.default(true),
    /** Creates the demo accounts at start-up (only into a database without real accounts). */
    SEED_DEMO: booleanFlag.default(false),
    SESSION_IDLE_TIMEOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    SESSION_ABSOLUTE_TIMEOUT_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(12),
    /** Sign-in throttling (auth/throttle.ts): failures of one account before delays start. */
    LOGIN_THROTTLE_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    /** Failures from one address before delays start (a clinic may share one address). */
    LOGIN_THROTTLE_SOURCE_FREE_FAILURES: z.coerce.number().int().min(1).max(10_000).default(20),
    /** The first delay in seconds; each further failure doubles it up to the maximum. */
    LOGIN_THROTTLE_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
    LOGIN_THROTTLE_MAX_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    LOGIN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
    LOGIN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    /**
     * Behind a TLS-terminating proxy: trust X-Forwarded-* so cookies get the Secure flag, and keep the
     * proxy's X-Request-Id (audit rows store it). Unset, a client's X-Request-Id is ignored.
     */
    TRUST_PROXY: booleanFlag.default(false),
    /**
     * The origin browsers reach the app at, e.g. https://ipt.example.org: state-changing requests must
     * come from exactly this scheme, host and port. Unset: the scheme and host the request was sent to.
     */
    PUBLIC_ORIGIN: z
      .url({ protocol: /^https?$/, error: "Must be an http:// or https:// origin." })
      .transform((value) => new URL(value).origin)
      .optional(),
    /**
     * E-mail (docs/decisions/020): an smtp:// or smtps:// URL with any user and password in it, e.g.
     * smtps://user:secret@mail.example.org:465. Unset: no e-mail is sent; questionnaire links are offered
     * as a link and QR code only. Needs PUBLIC_ORIGIN (the links in a message are absolute).
     */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "Must be an smtp:// or smtps:// URL." }).optional(),
    /** The From address of every message, e.g. "IPT Session Planner <no-reply@ipt.example.org>". */
    MAIL_FROM: z.string().trim().min(3).max(200).default("IPT Session Planner <no-reply@localhost>"),
    /** How often the automatic questionnaire sending looks for due sessions (seconds). */
    QUESTIONNAIRE_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    /** How often the audit sealer chains new audit events (milliseconds; docs/decisions/022). */
    AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
    /** Who may read the OpenAPI document and docs page: anyone (development default) or signed-in users. */
    API_DOCS_PUBLIC: booleanFlag.optional(),
    WEB_DIST_DIR: z
      .string()
      .min(1)
      .default(path.join(repoRoot, "apps", "web", "dist")),
    MIGRATIONS_DIR: z
      .string()
      .min(1)
      .default(path.join(repoRoot, "prisma", "migrations")),
  })
  .superRefine((config, ctx) => {
    if (config.SMTP_URL && !config.PUBLIC_ORIGIN) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_ORIGIN"],
        message: "Set PUBLIC_ORIGIN when SMTP_URL is set: the links in an e-mail must be absolute.",
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** The API docs are public in development and test, and need a signed-in user in production. */
export const apiDocsArePublic = (config: Config) =>
  config.API_DOCS_PUBLIC ?? config.NODE_ENV !== "production";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return result.data;
}

export { repoRoot };

/** Reads a `.env` at the repository root into process.env (variables already set win). */
export function loadDotEnv(): void {
  const file = path.join(repoRoot, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}
