import { describe, expect, it } from "vitest";
import { homePathForRole, paths } from "./paths";

describe("paths", () => {
  it("sends each role to its own home page", () => {
    expect(homePathForRole("therapist")).toBe("/caseload");
    expect(homePathForRole("supervisor")).toBe("/supervision");
    expect(homePathForRole("admin")).toBe("/admin/accounts");
  });

  it("carries the page to return to after signing in", () => {
    expect(paths.auth.login.getHref("/admin/audit?page=2")).toBe("/login?next=%2Fadmin%2Faudit%3Fpage%3D2");
    expect(paths.auth.login.getHref()).toBe("/login");
    expect(paths.auth.login.getHref("/caseload", { sessionEnded: true })).toBe(
      "/login?next=%2Fcaseload&reason=session-ended",
    );
  });

  it("keeps list URLs short: no empty filters and no page 1", () => {
    expect(paths.admin.accounts.getHref({ q: "", role: "admin", page: 1 })).toBe(
      "/admin/accounts?role=admin",
    );
    expect(paths.admin.audit.getHref({ action: "auth.login", page: 2 })).toBe(
      "/admin/audit?action=auth.login&page=2",
    );
    expect(paths.admin.account.getHref("abc")).toBe("/admin/accounts/abc");
  });

  it("builds the clinical pages' addresses", () => {
    expect(paths.therapist.caseload.getHref({ q: "", status: "active", flagged: "true", page: 1 })).toBe(
      "/caseload?status=active&flagged=true",
    );
    expect(paths.therapist.courseSetup.problemArea.getHref("c1", "k1")).toBe(
      "/clients/c1/courses/k1/setup/problem-area",
    );
    expect(paths.therapist.courseSetup.plan.path).toBe("/clients/:clientId/courses/:courseId/setup/plan");
    expect(paths.therapist.client.getHref("c1")).toBe("/clients/c1");
    expect(paths.therapist.coursePrint.getHref("k1")).toBe("/courses/k1/print");
    expect(paths.therapist.session.getHref("s1")).toBe("/sessions/s1");
  });
});
