import { cancelSessionRequest, changePasswordRequest, contractRequest } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { fieldNamesOf } from "./field-names";

describe("fieldNamesOf", () => {
  it("lists a schema's fields in its order, without the version read", () => {
    expect(fieldNamesOf(contractRequest)).toEqual([
      "plannedSessions",
      "frequency",
      "sessionMinutes",
      "startDate",
      "weekday",
      "startTime",
      "terminationLead",
      "missedSessionPolicy",
      "agreedOn",
    ]);
    expect(fieldNamesOf(changePasswordRequest)).toEqual(["currentPassword", "newPassword"]);
  });

  it("leaves out the keys the page sets, which must be keys of the schema", () => {
    expect(fieldNamesOf(cancelSessionRequest, "sessionId")).toEqual(["reason", "replace"]);
    // @ts-expect-error -- not a key of the schema: a renamed field breaks the build here
    expect(fieldNamesOf(cancelSessionRequest, "session")).toEqual(["sessionId", "reason", "replace"]);
  });
});
