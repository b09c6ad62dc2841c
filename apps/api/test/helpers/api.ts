// Assertions shared by the integration tests: the shared error body, session rows and audit rows.
import { apiErrorBody, type ErrorCode, type FieldError } from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { hashToken } from "../../src/auth/login-sessions";
import type { PrismaClient } from "../../src/db/prisma";

export interface ParsedError {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}

/**
 * Asserts the status, that the body is the shared error body with the given code, and that it
 * carries the request id the response header names. Returns the `error` object.
 */
export function expectApiError(
  response: LightMyRequestResponse,
  status: number,
  code: ErrorCode,
): ParsedError {
  expect(response.statusCode, response.body).toBe(status);
  const parsed = apiErrorBody.safeParse(response.json());
  if (!parsed.success) throw new Error(`not the shared error body: ${response.body}`);
  expect(parsed.data.error.code, response.body).toBe(code);
  expect(parsed.data.error.requestId).toMatch(/\S{8,}/);
  expect(parsed.data.error.requestId).toBe(response.headers["x-request-id"]);
  return parsed.data.error;
}

/** The field names a validation error lists, e.g. `["body.email"]`. */
export const fieldNames = (error: ParsedError) => (error.fields ?? []).map((f) => f.field).sort();

/** The token inside a `ipt_session=…` cookie string. */
export function tokenOf(cookie: string): string {
  return decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
}

/** The login_sessions row behind a cookie, or null once it is gone. */
export function sessionRowOf(prisma: PrismaClient, cookie: string) {
  return prisma.loginSession.findUnique({ where: { tokenHash: hashToken(tokenOf(cookie)) } });
}

/** Sets columns of the login_sessions row behind a cookie (to age it without waiting). */
export async function ageSession(
  prisma: PrismaClient,
  cookie: string,
  data: { lastSeenAt?: Date; expiresAt?: Date },
) {
  await prisma.loginSession.update({ where: { tokenHash: hashToken(tokenOf(cookie)) }, data });
}

export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** Audit rows about one entity (or with one actor label), oldest first. */
export function auditRows(
  prisma: PrismaClient,
  where: { entityId?: string; actorLabel?: string; action?: string },
) {
  return prisma.auditEvent.findMany({ where, orderBy: { id: "asc" } });
}

/** A random v4 UUID that names no row. */
export const unknownId = () => crypto.randomUUID();
