// Invented records shared by component tests in more than one feature, parsed with the shared
// schemas so they have the shape the API sends. Feature-only records live in the feature's
// test-fixtures.ts.
import { sessionResponse, type Role, type SessionResponse } from "@ipt/shared";

export const testId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** The signed-in session of an invented user with `role`. */
export function sessionOf(role: Role, patch: Partial<SessionResponse["user"]> = {}): SessionResponse {
  return sessionResponse.parse({
    user: {
      id: testId(9001),
      email: `${role}@example.test`,
      name: `Invented ${role}`,
      role,
      mustChangePassword: false,
      ...patch,
    },
    csrfToken: "csrf-test-token",
    idleTimeoutSeconds: 1800,
    absoluteExpiresAt: "2026-12-31T23:00:00.000Z",
  });
}
