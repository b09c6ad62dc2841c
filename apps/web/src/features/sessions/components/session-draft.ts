// The editable part of a session record, kept in the page while the therapist works on it, and the
// request that saves only what changed.
import type {
  AgendaItem,
  ParentAttendance,
  SessionDetail,
  Technique,
  UpdateSessionRequest,
} from "@ipt/shared";

export type EditableStatus = NonNullable<UpdateSessionRequest["status"]>;

export interface SessionDraft {
  status: EditableStatus;
  agenda: AgendaItem[];
  techniques: Technique[];
  incident: string;
  notes: string;
  betweenSessionWork: string;
  nextFocus: string;
  riskReviewDone: boolean;
  riskReviewNote: string;
  /** IPT-A: whether a parent or carer attended (held sessions only); null: not recorded. */
  parentAttendance: ParentAttendance | null;
}

const textFields = ["incident", "notes", "betweenSessionWork", "nextFocus", "riskReviewNote"] as const;

/** The draft for a session that can still be edited (not cancelled). */
export function draftFrom(session: SessionDetail): SessionDraft {
  return {
    status: session.status === "cancelled" ? "planned" : session.status,
    agenda: session.agenda,
    techniques: session.techniques,
    incident: session.incident,
    notes: session.notes,
    betweenSessionWork: session.betweenSessionWork,
    nextFocus: session.nextFocus,
    riskReviewDone: session.riskReview.done,
    riskReviewNote: session.riskReview.note,
    parentAttendance: session.parentAttendance,
  };
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => JSON.stringify(a) === JSON.stringify(b);

/** Only the fields that differ from the saved session (without `version`); empty when nothing changed. */
export function draftChanges(
  session: SessionDetail,
  draft: SessionDraft,
): Omit<UpdateSessionRequest, "version"> {
  const saved = draftFrom(session);
  const changes: Omit<UpdateSessionRequest, "version"> = {};
  if (draft.status !== saved.status) changes.status = draft.status;
  if (!sameList(draft.agenda, saved.agenda)) changes.agenda = draft.agenda;
  if (!sameList([...draft.techniques].sort(), [...saved.techniques].sort()))
    changes.techniques = draft.techniques;
  if (draft.riskReviewDone !== saved.riskReviewDone) changes.riskReviewDone = draft.riskReviewDone;
  if (draft.parentAttendance !== saved.parentAttendance) changes.parentAttendance = draft.parentAttendance;
  for (const field of textFields) {
    if (draft[field] !== saved[field]) changes[field] = draft[field];
  }
  return changes;
}

/**
 * The draft after the status changes: a parent's or carer's attendance is recorded on a held session
 * only (shared ipt/parent-attendance), so leaving "held" clears it rather than have the save refused.
 */
export function withStatus(draft: SessionDraft, status: EditableStatus): SessionDraft {
  return { ...draft, status, parentAttendance: status === "held" ? draft.parentAttendance : null };
}

/** Ticks or unticks one agenda item. */
export function setItemDone(agenda: readonly AgendaItem[], key: string, done: boolean): AgendaItem[] {
  return agenda.map((item) => (item.key === key ? { ...item, done } : item));
}

export function removeItem(agenda: readonly AgendaItem[], key: string): AgendaItem[] {
  return agenda.filter((item) => item.key !== key);
}

/** Appends the therapist's own item with a key no other item has ("custom.1", "custom.2", …). */
export function addCustomItem(agenda: readonly AgendaItem[], text: string): AgendaItem[] {
  const used = agenda
    .map((item) => /^custom\.(\d+)$/.exec(item.key)?.[1])
    .filter((number): number is string => number !== undefined)
    .map(Number);
  const key = `custom.${Math.max(0, ...used) + 1}`;
  return [...agenda, { key, text: text.trim(), kind: "custom", sources: [], done: false }];
}
