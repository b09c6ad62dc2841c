import type { CalendarDate, CourseMeasures, KeyEvent, LifeEvent, LifeEventKind } from "@ipt/shared";
import { SourceTags } from "../../../components/clinical/source-tags";
import { EmptyState } from "../../../components/states";
import { formatCalendarDate } from "../../../lib/format";
import { relativeToOnset, timelineEntries, type TimelineEntry } from "./timeline-data";
import { trendRows, type TrendCell } from "./trend-data";

const scoreText = (name: string, cell: TrendCell | null) =>
  cell ? `${name} ${cell.total} (${cell.band.label})` : null;

function EntryText({
  entry,
  kindLabels,
}: {
  entry: TimelineEntry;
  kindLabels: Record<LifeEventKind, string>;
}) {
  switch (entry.type) {
    case "onset":
      return <strong>The episode began</strong>;
    case "event":
      return (
        <>
          {entry.keyEvent ? <KeyEventBadge /> : null}
          <strong>{kindLabels[entry.kind]}:</strong> {entry.description}
          {entry.daysFromOnset === null ? null : (
            <span className="muted"> — {relativeToOnset(entry.daysFromOnset)}</span>
          )}
          {entry.keyEvent ? (
            <>
              {" "}
              <SourceTags tags={entry.keyEvent.sources} />
            </>
          ) : null}
        </>
      );
    case "key":
      return (
        <>
          <KeyEventBadge />
          <strong>{entry.keyEvent.label}</strong> <SourceTags tags={entry.keyEvent.sources} />
        </>
      );
    case "scores":
      return (
        <>
          Session {entry.sessionNumber}:{" "}
          {[scoreText("PHQ-9", entry.phq9), scoreText("GAD-7", entry.gad7)].filter(Boolean).join(", ")}
        </>
      );
  }
}

/** Marks a key event of the problem area, in words (the chart's bold dash-dot lines). */
function KeyEventBadge() {
  return <span className="timeline__key">Key event of the problem area</span>;
}

/**
 * The episode's onset and the inventory's life events against the course's scores, oldest first: a
 * list a screen reader reads in order, not a second chart. The problem area's key events are marked.
 */
export function InterpersonalTimeline({
  measures,
  onset,
  events,
  kindLabels,
  keyEvents = [],
}: {
  measures: Pick<CourseMeasures, "scores">;
  onset: CalendarDate | null;
  events: readonly LifeEvent[];
  /** The inventory's names for the kinds of event (features do not import each other). */
  kindLabels: Record<LifeEventKind, string>;
  /** The problem area's key events (ipt/key-events). */
  keyEvents?: readonly KeyEvent[];
}) {
  const entries = timelineEntries({ onset, events, rows: trendRows(measures), keyEvents });
  if (onset === null && events.length === 0 && keyEvents.length === 0) {
    return (
      <EmptyState title="No onset or life events recorded yet.">
        <p>
          Record when the episode began with the formulation, and the life events in the interpersonal
          inventory; they are placed here against the scores.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      {onset === null ? (
        <p className="section__intro">
          The episode’s onset is not recorded: add it with the formulation to place the events against it.
        </p>
      ) : null}
      <ol className="timeline" aria-label="Interpersonal timeline">
        {entries.map((entry) => (
          <li
            key={
              entry.type === "event"
                ? entry.id
                : entry.type === "key"
                  ? `key-${entry.keyEvent.key}`
                  : `${entry.type}-${entry.type === "scores" ? entry.sessionNumber : entry.date}`
            }
            className="timeline__item"
          >
            <p className="timeline__when">
              <time dateTime={entry.date}>{formatCalendarDate(entry.date)}</time>
            </p>
            <p className="timeline__what">
              <EntryText entry={entry} kindLabels={kindLabels} />
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
