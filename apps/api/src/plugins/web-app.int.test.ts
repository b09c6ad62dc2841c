// The sign-in page (login.html, an entry of its own) at /login: served to anyone not signed in, while
// someone already signed in is sent on to the app; a cookie whose session has ended is dropped.
import { describe, expect, it } from "vitest";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";
import { enrolTotp } from "../../test/helpers/factors";
import { fakeWebDist } from "../../test/helpers/web-dist";
import { SESSION_COOKIE } from "./auth";

const webDist = await fakeWebDist();
const { app, prisma } = await createTestApp({ WEB_DIST_DIR: webDist });

const signInPage = (cookie?: string) =>
  app.inject({ method: "GET", url: "/login", headers: cookie ? { cookie } : {} });

describe("the sign-in page", () => {
  it("is the sign-in page's own HTML for a visitor who is not signed in", async () => {
    const response = await signInPage();
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Sign in");
    expect(response.headers["cache-control"]).toBe("no-cache");
  });

  it("sends someone already signed in on to the app, and caches nothing", async () => {
    const therapist = await createAccount(prisma);
    const { cookie } = await signIn(app, therapist.email);
    const response = await signInPage(cookie);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/");
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("shows the page, and drops the cookie, when the session has ended", async () => {
    const therapist = await createAccount(prisma);
    const { cookie } = await signIn(app, therapist.email);
    await prisma.loginSession.deleteMany({ where: { userId: therapist.id } });
    const response = await signInPage(cookie);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Sign in");
    expect(String(response.headers["set-cookie"])).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  });

  it("shows the page to a session still waiting for its second factor (signing in again starts over)", async () => {
    const therapist = await createAccount(prisma);
    await enrolTotp(app, await signIn(app, therapist.email), new Date());
    const pending = await signIn(app, therapist.email);
    const response = await signInPage(pending.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Sign in");
  });
});
