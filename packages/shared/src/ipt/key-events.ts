// The problem area's key events: the dated records that tie the chosen area to the episode, for the
// measures chart and the interpersonal timeline. Grief: each recorded death (relate the onset to the
// death [S1b][S10a][S29d]). Role dispute: each recorded dispute and each change of the dispute's stage
// after the initial phase (stage the dispute; the plan depends on the stage [S2][S29b][S29e]). Role
// transition: each recorded life change (relate the symptoms to the change [S10a][S29a]). Interpersonal
// deficits has none: it is the area with no such events [S3]. Which records count, and marking them on
// the chart, is a project synthesis: the sources name no chart or timeline (IPT.md §3).
import type { CalendarDate } from "../dates/calendar";
import { disputeStageGuidance } from "./guidance";
import type { SourceTag } from "./sources";
import type { DisputeStage, LifeEventKind, ProblemArea } from "./vocabulary";

export type KeyEventKind = "death" | "dispute" | "dispute_stage" | "transition";

export interface KeyEvent {
  /** Unique within a course: the life event's or the recorded change's id. */
  key: string;
  date: CalendarDate;
  area: ProblemArea;
  kind: KeyEventKind;
  /** A few words for a chart mark: "Death", "Dispute stage: Impasse". */
  label: string;
  /** The life event it comes from, or null for a recorded change of the dispute's stage. */
  lifeEventId: string | null;
  sources: SourceTag[];
}

export interface KeyEventInput {
  primaryArea: ProblemArea | null;
  secondaryArea: ProblemArea | null;
  lifeEvents: readonly { id: string; kind: LifeEventKind; occurredOn: CalendarDate }[];
  /** Recorded problem-area changes, dated in the service's time zone. */
  areaChanges: readonly {
    id: string;
    changedOn: CalendarDate;
    fromStage: DisputeStage | null;
    toStage: DisputeStage | null;
  }[];
}

/** The life-event kind that is each area's key event, with its mark and sources. */
const lifeEventKeys: Partial<
  Record<ProblemArea, { kind: LifeEventKind & KeyEventKind; label: string; sources: SourceTag[] }>
> = {
  grief: { kind: "death", label: "Death", sources: ["S1b", "S10a", "S29d"] },
  role_dispute: { kind: "dispute", label: "Dispute", sources: ["S2", "S29b"] },
  role_transition: { kind: "transition", label: "Life change", sources: ["S10a", "S29a"] },
};

/** The key events of the course's primary and secondary areas, oldest first. */
export function problemAreaKeyEvents(input: KeyEventInput): KeyEvent[] {
  const areas = [input.primaryArea, input.secondaryArea].filter((area): area is ProblemArea => area !== null);
  const events: KeyEvent[] = [];
  for (const area of areas) {
    const key = lifeEventKeys[area];
    if (key) {
      for (const event of input.lifeEvents) {
        if (event.kind !== key.kind) continue;
        events.push({
          key: event.id,
          date: event.occurredOn,
          area,
          kind: key.kind,
          label: key.label,
          lifeEventId: event.id,
          sources: key.sources,
        });
      }
    }
    if (area === "role_dispute") {
      for (const change of input.areaChanges) {
        if (change.toStage === null || change.toStage === change.fromStage) continue;
        events.push({
          key: change.id,
          date: change.changedOn,
          area,
          kind: "dispute_stage",
          label: `Dispute stage: ${disputeStageGuidance[change.toStage].label}`,
          lifeEventId: null,
          sources: ["S29b", "S29e"],
        });
      }
    }
  }
  // A stable sort: on one day, the primary area's events first, in the order recorded.
  return events.sort((a, b) => a.date.localeCompare(b.date));
}
