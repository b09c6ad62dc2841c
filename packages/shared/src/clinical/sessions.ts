// One therapy session record: agenda, techniques, notes; signing locks it, amendments are appended.
import { z } from "zod";
import { personRef } from "../users/users";
import { agendaItem, parentAttendance } from "../ipt";
import {
  courseFormat,
  coursePhase,
  disputeStage,
  lineage,
  problemArea,
  sessionPhase,
  sessionStatus,
  technique,
} from "../ipt/vocabulary";
import { entityId, sessionWhen, version } from "./clients";
import { measureScore, riskFlagDetail } from "./measures";
import { riskReview } from "../safety/risk-review";

export const sessionParams = z.object({ sessionId: entityId });

const note = (max: number) => z.string().trim().max(max);

export const updateSessionRequest = z.strictObject({
  version,
  /** planned → held or no_show (on or after its date), or back to planned. Cancelling is a plan edit. */
  status: z.enum(["planned", "held", "no_show"]).optional(),
  agenda: z
    .array(z.strictObject(agendaItem.shape))
    .max(40, "Keep the agenda to 40 items or fewer.")
    .optional(),
  techniques: z.array(technique).max(20).optional(),
  incident: note(5000).optional(),
  notes: note(20000).optional(),
  betweenSessionWork: note(2000).optional(),
  nextFocus: note(1000).optional(),
  /** The risk review after a risk flag on the course: ticked, or answered in the note. */
  riskReviewDone: z.boolean().optional(),
  riskReviewNote: note(2000).optional(),
  /** IPT-A: whether a parent or carer attended this held session, and how; null clears it [S20c]. */
  parentAttendance: parentAttendance.nullable().optional(),
});
export type UpdateSessionRequest = z.infer<typeof updateSessionRequest>;

export const amendmentRequest = z.strictObject({
  reason: z.string().trim().min(1, "Give the reason for the amendment.").max(1000),
  text: z.string().trim().min(1, "Write the amendment.").max(20000),
});
export type AmendmentRequest = z.infer<typeof amendmentRequest>;

export const amendment = z.object({
  id: z.uuid(),
  reason: z.string(),
  text: z.string(),
  createdAt: z.iso.datetime(),
  author: personRef,
});
export type Amendment = z.infer<typeof amendment>;

export const sessionDetail = z.object({
  id: z.uuid(),
  course: z.object({
    id: z.uuid(),
    clientId: z.uuid(),
    clientName: z.string(),
    format: courseFormat,
    lineage,
    phase: coursePhase,
    plannedSessions: z.int(),
    primaryArea: problemArea.nullable(),
    disputeStage: disputeStage.nullable(),
    sensitivityModifier: z.boolean(),
  }),
  number: z.int().nullable(),
  ...sessionWhen,
  phase: sessionPhase.nullable(),
  slot: z.string().nullable(),
  status: sessionStatus,
  agenda: z.array(agendaItem),
  techniques: z.array(technique),
  incident: z.string(),
  notes: z.string(),
  betweenSessionWork: z.string(),
  nextFocus: z.string(),
  cancelReason: z.string().nullable(),
  /** The risk review this session carries after a risk flag on the course; signing waits for it. */
  riskReview,
  /** IPT-A: a parent's or carer's attendance; null when not recorded. */
  parentAttendance: parentAttendance.nullable(),
  signedAt: z.iso.datetime().nullable(),
  signedBy: personRef.nullable(),
  version: z.int(),
  amendments: z.array(amendment),
  /** Current scores recorded at this session (corrections replace originals here). */
  scores: z.array(measureScore),
  /** Risk flags raised by a score of this session; an open one without a follow-up blocks signing. */
  riskFlags: z.array(riskFlagDetail),
});
export type SessionDetail = z.infer<typeof sessionDetail>;
