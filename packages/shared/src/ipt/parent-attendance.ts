// IPT-A: parents (or carers) are strongly encouraged to take part at three points, at the start, once in
// the middle phase if the problem area involves a parent, and at the end [S20c]. A held session of an
// IPT-A course records whether a parent or carer attended, and how: a joint part with the young person,
// a part with the parent or carer alone, or both. Where it may be recorded is this planner's rule
// (project choice): on IPT-A courses only, and on held sessions only (nobody attended a planned or missed
// session).
import { z } from "zod";
import type { SourceTag } from "./sources";
import type { CourseFormat, SessionStatus } from "./vocabulary";

export const parentAttendances = ["none", "joint", "parent_only", "joint_and_parent_only"] as const;
export const parentAttendance = z.enum(parentAttendances);
export type ParentAttendance = z.infer<typeof parentAttendance>;

export const parentAttendanceLabels: Record<ParentAttendance, string> = {
  none: "No parent or carer attended",
  joint: "A parent or carer joined a joint part",
  parent_only: "A parent or carer had a part on their own",
  joint_and_parent_only: "A parent or carer joined a joint part and had a part on their own",
};

export const parentAttendanceSources: SourceTag[] = ["S20c"];

export interface ParentAttendanceState {
  format: CourseFormat;
  /** The session's status after the write. */
  status: SessionStatus;
  /** The attendance after the write; null: not recorded. */
  parentAttendance: ParentAttendance | null;
}

/** Why this attendance cannot be recorded, or null when it can. */
export function parentAttendanceError(state: ParentAttendanceState): string | null {
  if (state.parentAttendance === null) return null;
  if (state.format !== "ipt_a") {
    return "Parent or carer attendance is recorded on IPT-A courses only.";
  }
  if (state.status !== "held") {
    return "Record a parent's or carer's attendance on a held session (clear it before marking the session otherwise).";
  }
  return null;
}
