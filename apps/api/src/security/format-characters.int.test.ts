// Short text fields (names, labels, reasons) refuse Unicode format characters (category Cf, e.g.
// the right-to-left override U+202E that makes "exe.txt" read as "txt.exe"): 400 naming the field,
// nothing written. The rule lives in the shared schemas (common/text.ts), so the web refuses alike.
import { describe, expect, it } from "vitest";
import { expectApiError, fieldNames } from "../../test/helpers/api";
import { createAccount, createTestApp, signIn } from "../../test/helpers/app";

const { app, prisma } = await createTestApp();

const RLO = "\u202E";
const ZERO_WIDTH_SPACE = "\u200B";

describe("format characters in short text", () => {
  it("a client name with a right-to-left override is refused, naming displayName", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const response = await app.inject({
      method: "POST",
      url: "/api/clients",
      headers: session.headers,
      payload: { displayName: `Client ${RLO}A-17`, referralReason: "Low mood after a move." },
    });
    const error = expectApiError(response, 400, "validation_failed");
    expect(fieldNames(error)).toEqual(["body.displayName"]);
    expect(await prisma.client.count({ where: { therapistId: therapist.id } })).toBe(0);
  });

  it("an account name with a zero-width space is refused, naming name", async () => {
    const admin = await createAccount(prisma, { role: "admin" });
    const session = await signIn(app, admin.email);
    const email = `new.${crypto.randomUUID()}@example.test`;
    const response = await app.inject({
      method: "POST",
      url: "/api/admin/users",
      headers: session.headers,
      payload: { email, name: `Ada${ZERO_WIDTH_SPACE} Lovelace`, role: "therapist" },
    });
    const error = expectApiError(response, 400, "validation_failed");
    expect(fieldNames(error)).toEqual(["body.name"]);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("the same name without the character is accepted", async () => {
    const therapist = await createAccount(prisma);
    const session = await signIn(app, therapist.email);
    const response = await app.inject({
      method: "POST",
      url: "/api/clients",
      headers: session.headers,
      payload: { displayName: "Client A-17", referralReason: "Low mood after a move." },
    });
    expect(response.statusCode).toBe(201);
  });
});
