import { describe, expect, it } from "vitest";
import { PASSWORD_MIN_LENGTH } from "@ipt/shared";
import { generateTemporaryPassword, hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("a-long-enough-password");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "a-long-enough-password")).toBe(true);
    expect(await verifyPassword(hash, "a-long-enough-passworD")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("temporary passwords meet the length rule, avoid look-alike characters and differ each time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword();
      expect(password).toMatch(/^([a-km-zA-HJ-NP-Z2-9]{4}-){3}[a-km-zA-HJ-NP-Z2-9]{4}$/);
      expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
});
