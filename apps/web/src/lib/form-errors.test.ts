import { changePasswordRequest, createUserRequest } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client";
import { fieldNameFromServerPath, formErrorsFromError, formErrorsFromZod } from "./form-errors";

describe("fieldNameFromServerPath", () => {
  it("drops the request part of the server's dotted path", () => {
    expect(fieldNameFromServerPath("body.email")).toBe("email");
    expect(fieldNameFromServerPath("query.from")).toBe("from");
    expect(fieldNameFromServerPath("body.address.city")).toBe("address.city");
    expect(fieldNameFromServerPath("email")).toBe("email");
  });
});

describe("formErrorsFromZod", () => {
  it("puts the shared schema's messages on their fields", () => {
    const result = createUserRequest.safeParse({ name: " ", email: "not-an-email", role: "admin" });
    expect(result.success).toBe(false);
    if (result.success) return;
    const errors = formErrorsFromZod(result.error);
    expect(errors.fields).toEqual({
      name: "Enter a name.",
      email: "Enter a valid email address.",
    });
    expect(errors.message).toBeNull();
  });

  it("keeps the message of a refinement on the field it names", () => {
    const result = changePasswordRequest.safeParse({
      currentPassword: "same password 123",
      newPassword: "same password 123",
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(formErrorsFromZod(result.error).fields.newPassword).toBe(
      "Choose a password different from the current one.",
    );
  });
});

describe("formErrorsFromError", () => {
  it("shows server field errors next to the form's fields and the rest as a form message", () => {
    const error = new ApiError({
      status: 400,
      code: "validation_failed",
      message: "Some fields are not valid.",
      fields: [
        { field: "body.currentPassword", message: "The current password is not correct." },
        { field: "body.somethingElse", message: "Something else is wrong." },
      ],
    });
    const errors = formErrorsFromError(error, ["currentPassword", "newPassword"]);
    expect(errors.fields).toEqual({ currentPassword: "The current password is not correct." });
    expect(errors.message).toBe("Some fields are not valid. Something else is wrong.");
  });

  it("does not repeat a message that is already shown at its field", () => {
    const error = new ApiError({
      status: 409,
      code: "conflict",
      message: "An account with this email already exists.",
      fields: [{ field: "body.email", message: "An account with this email already exists." }],
    });
    expect(formErrorsFromError(error, ["name", "email", "role"])).toEqual({
      fields: { email: "An account with this email already exists." },
      message: null,
    });
  });

  it("uses the server's message for errors without fields (e.g. a generic sign-in failure)", () => {
    const error = new ApiError({
      status: 401,
      code: "unauthenticated",
      message: "Email or password is not correct.",
    });
    expect(formErrorsFromError(error, ["email", "password"])).toEqual({
      fields: {},
      message: "Email or password is not correct.",
    });
  });

  it("falls back to a plain message for unknown failures", () => {
    expect(formErrorsFromError("boom", []).message).toBe("Something went wrong. Please try again.");
  });
});
