// IPT-A parent or carer attendance [S20c]: where it may be recorded (project choice), table-driven.
import { describe, expect, it } from "vitest";
import {
  parentAttendanceError,
  parentAttendanceSources,
  type ParentAttendanceState,
} from "./parent-attendance";

describe("parent or carer attendance (parents at 3 points of IPT-A [S20c])", () => {
  it.each<[string, ParentAttendanceState, boolean]>([
    ["joint part, held IPT-A session", { format: "ipt_a", status: "held", parentAttendance: "joint" }, true],
    ["parent-only part", { format: "ipt_a", status: "held", parentAttendance: "parent_only" }, true],
    ["none attended", { format: "ipt_a", status: "held", parentAttendance: "none" }, true],
    [
      "not recorded on a standard course",
      { format: "standard", status: "held", parentAttendance: null },
      true,
    ],
    ["standard course", { format: "standard", status: "held", parentAttendance: "joint" }, false],
    ["IPT-B course", { format: "ipt_b", status: "held", parentAttendance: "none" }, false],
    ["planned session", { format: "ipt_a", status: "planned", parentAttendance: "joint" }, false],
    ["no-show", { format: "ipt_a", status: "no_show", parentAttendance: "joint" }, false],
  ])("%s", (_, state, allowed) => {
    expect(parentAttendanceError(state) === null).toBe(allowed);
  });

  it("cites the IPT-A parent-involvement source", () => {
    expect(parentAttendanceSources).toEqual(["S20c"]);
  });
});
