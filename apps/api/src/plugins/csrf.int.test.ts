import { CSRF_HEADER, type TemporaryPasswordResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { expectApiError, sessionRowOf } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { withSecondFactorRequiredOf } from "../../test/helpers/factors";

const { app, prisma } = await createTestApp();

async function adminSession() {
  const admin = await createAccount(prisma, { role: "admin" });
  return { admin, session: await signIn(app, admin.email) };
}

/** Header variants that must all be refused: none, a wrong token, an empty one. */
const badTokens: { label: string; headers: (cookie: string) => Record<string, string> }[] = [
  { label: "without a token", headers: (cookie) => ({ cookie }) },
  { label: "with a wrong token", headers: (cookie) => ({ cookie, [CSRF_HEADER]: "x".repeat(43) }) },
  { label: "with a token of another length", headers: (cookie) => ({ cookie, [CSRF_HEADER]: "short" }) },
  { label: "with an empty token", headers: (cookie) => ({ cookie, [CSRF_HEADER]: "" }) },
];

describe("CSRF protection for signed-in requests", () => {
  describe.each(badTokens)("$label", ({ headers }) => {
    it("a POST is refused with csrf_failed and creates nothing", async () => {
      const { session } = await adminSession();
      const email = `csrf.${crypto.randomUUID()}@example.test`;
      // The refusal itself is audited (audit/refusals.ts); nothing else may be written.
      const notRefusals = { action: { not: "csrf.refused" as const } };
      const auditBefore = await prisma.auditEvent.count({ where: notRefusals });
      const response = await app.inject({
        method: "POST",
        url: "/api/admin/users",
        headers: headers(session.cookie),
        payload: { email, name: "Should Not Exist", role: "therapist" },
      });
      expectApiError(response, 403, "csrf_failed");
      expect(await prisma.user.count({ where: { email } })).toBe(0);
      expect(await prisma.auditEvent.count({ where: notRefusals })).toBe(auditBefore);
    });

    it("a PATCH is refused and changes nothing", async () => {
      const { session } = await adminSession();
      const therapist = await createAccount(prisma, { name: "Original Name" });
      const response = await app.inject({
        method: "PATCH",
        url: `/api/admin/users/${therapist.id}`,
        headers: headers(session.cookie),
        payload: { name: "Changed Name" },
      });
      expectApiError(response, 403, "csrf_failed");
      expect((await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } })).name).toBe(
        "Original Name",
      );
    });

    it("a PUT and a DELETE are refused and leave supervision links as they were", async () => {
      const { session } = await adminSession();
      const therapist = await createAccount(prisma, { role: "therapist" });
      const assigned = await createAccount(prisma, { role: "supervisor" });
      const unassigned = await createAccount(prisma, { role: "supervisor" });
      await prisma.supervisionAssignment.create({
        data: { supervisorId: assigned.id, therapistId: therapist.id },
      });

      const put = await app.inject({
        method: "PUT",
        url: `/api/admin/users/${therapist.id}/supervisors/${unassigned.id}`,
        headers: headers(session.cookie),
      });
      const del = await app.inject({
        method: "DELETE",
        url: `/api/admin/users/${therapist.id}/supervisors/${assigned.id}`,
        headers: headers(session.cookie),
      });

      expectApiError(put, 403, "csrf_failed");
      expectApiError(del, 403, "csrf_failed");
      const links = await prisma.supervisionAssignment.findMany({ where: { therapistId: therapist.id } });
      expect(links.map((l) => l.supervisorId)).toEqual([assigned.id]);
    });

    it("logging out is refused and the session stays alive", async () => {
      const therapist = await createAccount(prisma);
      const session = await signIn(app, therapist.email);
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: headers(session.cookie),
      });
      expectApiError(response, 403, "csrf_failed");
      expect(await sessionRowOf(prisma, session.cookie)).not.toBeNull();
      const check = await app.inject({
        method: "GET",
        url: "/api/auth/session",
        headers: { cookie: session.cookie },
      });
      expect(check.statusCode).toBe(200);
    });
  });

  it("the CSRF token of another session is refused", async () => {
    const { session } = await adminSession();
    const { session: other } = await adminSession();
    const therapist = await createAccount(prisma, { name: "Original Name" });
    const response = await app.inject({
      method: "PATCH",
      url: `/api/admin/users/${therapist.id}`,
      headers: { cookie: session.cookie, [CSRF_HEADER]: other.csrfToken },
      payload: { name: "Changed Name" },
    });
    expectApiError(response, 403, "csrf_failed");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } })).name).toBe("Original Name");
  });

  it("with the session's token, POST, PATCH, PUT and DELETE all work", async () => {
    const { session } = await adminSession();
    // The therapist role must enrol a second factor, or no temporary password (docs/decisions/025).
    const created = await withSecondFactorRequiredOf(prisma, ["therapist"], () =>
      app.inject({
        method: "POST",
        url: "/api/admin/users",
        headers: session.headers,
        payload: {
          email: `csrf.ok.${crypto.randomUUID()}@example.test`,
          name: "New Therapist",
          role: "therapist",
        },
      }),
    );
    expect(created.statusCode).toBe(201);
    const therapistId = created.json<TemporaryPasswordResponse>().user.id;
    const supervisor = await createAccount(prisma, { role: "supervisor" });

    const patched = await app.inject({
      method: "PATCH",
      url: `/api/admin/users/${therapistId}`,
      headers: session.headers,
      payload: { name: "Renamed Therapist" },
    });
    expect(patched.statusCode).toBe(200);
    const link = `/api/admin/users/${therapistId}/supervisors/${supervisor.id}`;
    expect((await app.inject({ method: "PUT", url: link, headers: session.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: "DELETE", url: link, headers: session.headers })).statusCode).toBe(
      200,
    );
    expect(await prisma.user.findUniqueOrThrow({ where: { id: therapistId } })).toMatchObject({
      name: "Renamed Therapist",
    });
  });

  it("GET requests need no token", async () => {
    const { session } = await adminSession();
    const list = await app.inject({
      method: "GET",
      url: "/api/admin/users",
      headers: { cookie: session.cookie },
    });
    const me = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: session.cookie },
    });
    expect(list.statusCode).toBe(200);
    expect(me.statusCode).toBe(200);
  });

  it("logging out with the token ends the session and records it", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);

    const response = await app.inject({ method: "POST", url: "/api/auth/logout", headers: session.headers });

    expect(response.statusCode).toBe(204);
    expect(await sessionRowOf(prisma, session.cookie)).toBeNull();
    const check = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: session.cookie },
    });
    expectApiError(check, 401, "unauthenticated");
    expect(await prisma.auditEvent.count({ where: { action: "auth.logout", actorId: therapist.id } })).toBe(
      1,
    );
  });
});
