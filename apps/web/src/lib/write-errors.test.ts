import { describe, expect, it } from "vitest";
import { ApiError } from "./api-client";
import { inFieldOrder, writeErrorsFromError } from "./write-errors";

describe("writeErrorsFromError", () => {
  it("lists what a clinical rule says is missing, once each, in the server's order", () => {
    const error = new ApiError({
      status: 422,
      code: "rule_unmet",
      message: "The middle phase cannot begin yet.",
      fields: [
        { field: "sick_role", message: "Give the sick role and mark it as given." },
        {
          field: "inventory",
          message: "Complete the interpersonal inventory: add at least one important person.",
        },
        { field: "sick_role", message: "Give the sick role and mark it as given." },
      ],
    });
    expect(writeErrorsFromError(error, ["version"])).toEqual({
      fields: {},
      message: "The middle phase cannot begin yet.",
      stale: false,
      missing: [
        "Give the sick role and mark it as given.",
        "Complete the interpersonal inventory: add at least one important person.",
      ],
    });
  });

  it("marks a record changed elsewhere as stale, so the form offers a reload", () => {
    const error = new ApiError({
      status: 409,
      code: "conflict",
      message: "This course has changed since you opened it.",
    });
    const errors = writeErrorsFromError(error, ["plannedSessions"]);
    expect(errors.stale).toBe(true);
    expect(errors.message).toBe("This course has changed since you opened it.");
    expect(errors.missing).toEqual([]);
  });

  it("puts validation errors next to the form's fields", () => {
    const error = new ApiError({
      status: 400,
      code: "validation_failed",
      message: "Some fields are not valid.",
      fields: [{ field: "body.plannedSessions", message: "Standard IPT has 12 to 16 sessions." }],
    });
    expect(writeErrorsFromError(error, ["plannedSessions"])).toEqual({
      fields: { plannedSessions: "Standard IPT has 12 to 16 sessions." },
      message: "Some fields are not valid.",
      stale: false,
      missing: [],
    });
  });
});

describe("inFieldOrder", () => {
  it("lists field errors in the form's order, unknown fields last", () => {
    const ordered = inFieldOrder(
      { missedSessionPolicy: "Say what happens.", other: "Something else.", plannedSessions: "12 to 16." },
      ["plannedSessions", "frequency", "missedSessionPolicy"],
    );
    expect(Object.keys(ordered)).toEqual(["plannedSessions", "missedSessionPolicy", "other"]);
  });
});
