// The interpersonal timeline, apart from its markup: the episode's onset and the inventory's life
// events placed against the course's scored sessions, in date order (IPT relates the onset to the
// events near it [S1a][S10a]; see docs/clinical-reference.md).
import {
  type CalendarDate,
  daysBetween,
  type KeyEvent,
  type LifeEvent,
  type LifeEventKind,
} from "@ipt/shared";
import type { TrendCell, TrendRow } from "./trend-data";

export type TimelineEntry =
  | { type: "onset"; date: CalendarDate }
  | {
      type: "event";
      id: string;
      date: CalendarDate;
      kind: LifeEventKind;
      description: string;
      /** Days from the onset (negative: before it); null without an onset. */
      daysFromOnset: number | null;
      /** Set when the event is one of the problem area's key events (ipt/key-events). */
      keyEvent: KeyEvent | null;
    }
  /** A key event that is no life event (a recorded change of the dispute's stage). */
  | { type: "key"; date: CalendarDate; keyEvent: KeyEvent }
  | {
      type: "scores";
      date: CalendarDate;
      sessionNumber: number;
      phq9: TrendCell | null;
      gad7: TrendCell | null;
    };

/** Ties on one day: the events first, then the onset, then the session's scores. */
const order: Record<TimelineEntry["type"], number> = { event: 0, key: 0, onset: 1, scores: 2 };

export function timelineEntries(input: {
  onset: CalendarDate | null;
  events: readonly Pick<LifeEvent, "id" | "occurredOn" | "kind" | "description">[];
  rows: readonly TrendRow[];
  /** The problem area's key events: their life events are marked, the others listed on their own. */
  keyEvents?: readonly KeyEvent[];
}): TimelineEntry[] {
  const { onset } = input;
  const keyEvents = input.keyEvents ?? [];
  const keyOf = new Map(
    keyEvents.flatMap((key) => (key.lifeEventId ? [[key.lifeEventId, key] as const] : [])),
  );
  const entries: TimelineEntry[] = [
    ...keyEvents.flatMap((keyEvent): TimelineEntry[] =>
      keyEvent.lifeEventId === null ? [{ type: "key", date: keyEvent.date, keyEvent }] : [],
    ),
    ...input.events.map((event): TimelineEntry => ({
      type: "event",
      id: event.id,
      date: event.occurredOn,
      kind: event.kind,
      description: event.description,
      daysFromOnset: onset === null ? null : daysBetween(onset, event.occurredOn),
      keyEvent: keyOf.get(event.id) ?? null,
    })),
    ...(onset === null ? [] : [{ type: "onset", date: onset } as const]),
    ...input.rows.map((row): TimelineEntry => ({
      type: "scores",
      date: row.date,
      sessionNumber: row.sessionNumber,
      phq9: row.phq9,
      gad7: row.gad7,
    })),
  ];
  return entries.sort((a, b) => a.date.localeCompare(b.date) || order[a.type] - order[b.type]);
}

/** "3 months before the onset", "12 days after the onset", "on the day of the onset". */
export function relativeToOnset(days: number): string {
  if (days === 0) return "on the day the episode began";
  const span = Math.abs(days);
  const amount =
    span >= 60
      ? `about ${Math.round(span / 30.44)} months`
      : span >= 14
        ? `${Math.round(span / 7)} weeks`
        : `${span} ${span === 1 ? "day" : "days"}`;
  return `${amount} ${days < 0 ? "before" : "after"} the episode began`;
}
