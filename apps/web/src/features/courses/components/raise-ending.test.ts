import { describe, expect, it } from "vitest";
import { endingReminder } from "./raise-ending";
import { sessionWhenOn } from "../../../test/session-when";

const course = (next: number | null, start = 10) => ({
  terminationStartNumber: start,
  nextSession:
    next === null
      ? null
      : { id: "s", number: next, ...sessionWhenOn("2026-03-02"), phase: "middle" as const, focus: "" },
});

describe("endingReminder", () => {
  it("says nothing while the termination session is further away", () => {
    expect(endingReminder(course(7))).toBeNull();
    expect(endingReminder(course(null))).toBeNull();
  });

  it("warns one session ahead, then says the ending is due, then overdue", () => {
    expect(endingReminder(course(9))).toBe(
      "The ending is near: raise it at session 10, the session after next.",
    );
    expect(endingReminder(course(10))).toBe("The ending is due: raise it at the next session, session 10.");
    expect(endingReminder(course(11))).toBe(
      "The ending is overdue: it was planned for session 10. Raise it at the next session.",
    );
  });
});
