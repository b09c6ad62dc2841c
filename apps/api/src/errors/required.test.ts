import { describe, expect, it } from "vitest";
import { MissingValueError, required } from "./required";

describe("required", () => {
  it("returns a value that is there, falsy ones included", () => {
    expect(required("row", "the row")).toBe("row");
    expect(required(0, "the count")).toBe(0);
    expect(required("", "the text")).toBe("");
    expect(required(false, "the flag")).toBe(false);
  });

  it.each([undefined, null])("throws a MissingValueError naming the value when it is %s", (value) => {
    expect(() => required(value, "the server version")).toThrow(
      new MissingValueError("the server version is missing."),
    );
    expect(() => required(value, "the server version")).toThrow(MissingValueError);
  });
});
