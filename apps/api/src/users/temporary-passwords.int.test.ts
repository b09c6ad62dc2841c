// Separation of duties (docs/decisions/025): an admin is shown a temporary password only where it
// alone cannot sign in as the person: the account's role must enrol a second factor at the next
// sign-in, or (at a reset) the account already has one. Otherwise 409 names the setting to change
// first, and nothing changes.
import { roleLabels, sessionResponse, temporaryPasswordResponse, type Role } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn, type SignedIn } from "../../test/helpers/app";
import { enrolTotp, storeSecondFactorRoles } from "../../test/helpers/factors";

const { app, prisma } = await createTestApp();

const post = (session: SignedIn, url: string, payload: object = {}) =>
  app.inject({ method: "POST", url, headers: session.headers, payload });
const create = (session: SignedIn, role: Role, email = `temp.${crypto.randomUUID()}@example.test`) =>
  post(session, "/api/admin/users", { email, name: "Temporary Probe", role });
const reset = (session: SignedIn, userId: string) =>
  post(session, `/api/admin/users/${userId}/reset-password`);
const sessionOf = async (session: SignedIn) =>
  sessionResponse.parse(
    (await app.inject({ method: "GET", url: "/api/auth/session", headers: session.headers })).json(),
  );

async function signedInAdmin() {
  const admin = await createAccount(prisma, { role: "admin" });
  return signIn(app, admin.email);
}

describe("a temporary password for a new account", () => {
  it.each(["therapist", "supervisor", "admin"] as const)(
    "is refused for the %s role while it need not enrol a second factor: 409 naming body.role and the setting, nothing created",
    async (role) => {
      await storeSecondFactorRoles(prisma, []);
      const session = await signedInAdmin();
      const email = `refused.${crypto.randomUUID()}@example.test`;
      const usersBefore = await prisma.user.count();

      const error = expectApiError(await create(session, role, email), 409, "conflict");

      expect(fieldNames(error)).toEqual(["body.role"]);
      expect(error.message).toContain(
        `require a second factor for the ${roleLabels[role].toLowerCase()} role first`,
      );
      expect(error.message).toContain("Organisation settings");
      expect(await prisma.user.count()).toBe(usersBefore);
      expect(await prisma.user.count({ where: { email } })).toBe(0);
    },
  );

  it("is shown where the role must enrol a second factor, and the new person reaches nothing before enrolling one", async () => {
    await storeSecondFactorRoles(prisma, ["therapist"]);
    const session = await signedInAdmin();
    const email = `shown.${crypto.randomUUID()}@example.test`;

    const created = await create(session, "therapist", email);
    expect(created.statusCode, created.body).toBe(201);
    const { user, temporaryPassword } = temporaryPasswordResponse.parse(created.json());
    expect(await auditRows(prisma, { entityId: user.id, action: "user.created" })).toHaveLength(1);

    const newcomer = await signIn(app, email, temporaryPassword);
    const changed = await post(newcomer, "/api/auth/password", {
      currentPassword: temporaryPassword,
      newPassword: "a-passphrase-of-their-own",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const own = await signIn(app, email, "a-passphrase-of-their-own");
    expect((await sessionOf(own)).enrolmentRequired).toBe(true);
    expectApiError(
      await app.inject({ method: "GET", url: "/api/attention", headers: own.headers }),
      403,
      "factor_enrolment_required",
    );
    await storeSecondFactorRoles(prisma, []);
  });
});

describe("a temporary password at a reset", () => {
  it("is refused for an account without a second factor whose role need not enrol one: 409, password and sessions kept", async () => {
    await storeSecondFactorRoles(prisma, []);
    const session = await signedInAdmin();
    const therapist = await createAccount(prisma);
    const own = await signIn(app, therapist.email);
    const before = await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } });

    const error = expectApiError(await reset(session, therapist.id), 409, "conflict");

    expect(error.message).toContain("require a second factor for the therapist role first");
    expect(error.message).toContain("ask them to set up a second factor");
    const after = await prisma.user.findUniqueOrThrow({ where: { id: therapist.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.mustChangePassword).toBe(false);
    expect((await sessionOf(own)).user.id).toBe(therapist.id);
    expect(await auditRows(prisma, { entityId: therapist.id, action: "user.password_reset" })).toEqual([]);
    await signIn(app, therapist.email, therapist.password);
  });

  it("is shown for an account that has a second factor, which the temporary password alone does not pass", async () => {
    await storeSecondFactorRoles(prisma, []);
    const session = await signedInAdmin();
    const therapist = await createAccount(prisma);
    await enrolTotp(app, await signIn(app, therapist.email), new Date());

    const response = await reset(session, therapist.id);

    expect(response.statusCode, response.body).toBe(200);
    const { temporaryPassword } = temporaryPasswordResponse.parse(response.json());
    const withPasswordOnly = await signIn(app, therapist.email, temporaryPassword);
    expect((await sessionOf(withPasswordOnly)).secondFactorPending).toBe(true);
    expectApiError(
      await app.inject({ method: "GET", url: "/api/attention", headers: withPasswordOnly.headers }),
      403,
      "second_factor_required",
    );
  });

  it("is shown for an account without a factor where its role must enrol one", async () => {
    await storeSecondFactorRoles(prisma, ["supervisor"]);
    const session = await signedInAdmin();
    const supervisor = await createAccount(prisma, { role: "supervisor" });

    const response = await reset(session, supervisor.id);

    expect(response.statusCode, response.body).toBe(200);
    const { temporaryPassword } = temporaryPasswordResponse.parse(response.json());
    const withPasswordOnly = await signIn(app, supervisor.email, temporaryPassword);
    expect(await sessionOf(withPasswordOnly)).toMatchObject({
      enrolmentRequired: true,
      user: { mustChangePassword: true },
    });
    await storeSecondFactorRoles(prisma, []);
  });
});
