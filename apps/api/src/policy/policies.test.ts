import { describe, expect, it } from "vitest";
import { decide, policyForPluginRoute, type Principal } from "./policies";

const as = (
  role: Principal["role"],
  mustChangePassword = false,
  secondFactorPending = false,
  factorEnrolmentRequired = false,
): Principal => ({
  userId: "u",
  role,
  mustChangePassword,
  secondFactorPending,
  factorEnrolmentRequired,
});

describe("policies", () => {
  it("admin routes admit only admins who have set their password", () => {
    expect(decide("admin", null)).toBe("unauthenticated");
    expect(decide("admin", as("therapist"))).toBe("forbidden");
    expect(decide("admin", as("supervisor"))).toBe("forbidden");
    expect(decide("admin", as("admin", true))).toBe("password_change_required");
    expect(decide("admin", as("admin"))).toBe("allow");
  });

  it("a user with a temporary password reaches only session routes", () => {
    expect(decide("session", as("therapist", true))).toBe("allow");
    expect(decide("signedIn", as("therapist", true))).toBe("password_change_required");
    expect(decide("session", null)).toBe("unauthenticated");
  });

  it("a session waiting for its second factor reaches only the sign-in step routes", () => {
    for (const role of ["therapist", "supervisor", "admin"] as const) {
      expect(decide("signInStep", as(role, false, true))).toBe("allow");
      expect(decide("session", as(role, false, true))).toBe("second_factor_required");
      // The second factor comes before a temporary password's change.
      expect(decide("session", as(role, true, true))).toBe("second_factor_required");
      for (const policy of [
        "signedIn",
        "therapist",
        "clinicalReader",
        "fidelityRater",
        "supervisor",
        "admin",
      ] as const) {
        expect(decide(policy, as(role, false, true))).toBe("second_factor_required");
      }
    }
    expect(decide("signInStep", null)).toBe("unauthenticated");
  });

  it("a user who must enrol a factor reaches only their own account's routes, after a password change", () => {
    expect(decide("session", as("admin", false, false, true))).toBe("allow");
    expect(decide("admin", as("admin", false, false, true))).toBe("factor_enrolment_required");
    expect(decide("therapist", as("therapist", false, false, true))).toBe("factor_enrolment_required");
    expect(decide("signedIn", as("therapist", true, false, true))).toBe("password_change_required");
  });

  it("plugin routes get a policy only for the docs and the web app, never for other API paths", () => {
    expect(policyForPluginRoute("/api/docs")).toBe("public");
    expect(policyForPluginRoute("/api/docs/static/index.html")).toBe("public");
    expect(policyForPluginRoute("/assets/index.js")).toBe("public");
    expect(policyForPluginRoute("/api/admin/users")).toBeUndefined();
    expect(policyForPluginRoute("/api/docsx")).toBeUndefined();
  });
});
