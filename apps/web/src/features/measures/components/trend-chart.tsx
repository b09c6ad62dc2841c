import { instrumentDefinitions, type CourseMeasures } from "@ipt/shared";
import {
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { coursePhaseLabels } from "../../../components/clinical/labels";
import { EmptyState } from "../../../components/states";
import { ScoresTable } from "./scores-table";
import {
  BEFORE_COURSE_X,
  eventMarks,
  keyEventPlacement,
  keyEventsSentence,
  type DatedMark,
  phaseRanges,
  trendAnnotations,
  trendRows,
  trendSummary,
  type TrendAnnotation,
  type TrendRow,
} from "./trend-data";
import "./measures.css";

// Colours meet WCAG 1.4.11 (3:1) against the lightest and darkest band; the two lines also differ
// in dash and dot, and every mark has a text label, so nothing rests on colour alone.
const PHQ9_COLOUR = "#1f4e79";
const GAD7_COLOUR = "#8a3b12";
const TEXT_COLOUR = "#1b2430";
const GRID_COLOUR = "#5b6675";
const BAND_FILLS = ["#f7f9fb", "#edf2f7", "#e2eaf2", "#d7e2ed", "#ccdae8"];
/** Event marks take their colours from CSS variables (measures.css), shared with the timeline. */
const LIFE_EVENT_COLOUR = "var(--chart-life-event)";
const KEY_EVENT_COLOUR = "var(--chart-key-event)";
const MARK_COLOURS: Record<TrendAnnotation["severity"], string> = {
  red: "#a4262c",
  amber: "#9a4a06",
  notice: "#4a5563",
};

const phq9 = instrumentDefinitions.phq9;
const gad7 = instrumentDefinitions.gad7;

const bandsText = (bands: typeof phq9.bands) =>
  bands.map((band) => `${band.label} ${band.min}–${band.max}`).join(", ");

/** Room right of the last session, in sessions, for the band labels. */
const LABEL_ROOM = 2.6;

function sessionTicks(
  rows: readonly TrendRow[],
  measures: Pick<CourseMeasures, "plannedSessions" | "sessions">,
) {
  const numbers = [
    measures.plannedSessions,
    ...rows.map((row) => row.sessionNumber),
    ...measures.sessions.map((session) => session.number ?? 0),
  ];
  const last = Math.max(1, ...numbers);
  return Array.from({ length: last }, (_, index) => index + 1);
}

/**
 * PHQ-9 and GAD-7 by session, over the PHQ-9 severity bands, with the plan's phases and the alerts
 * marked. The chart is one image named by a summary; the table after it holds the same data.
 */
export function TrendChart({
  measures,
  events = [],
  keyEvents = [],
}: {
  measures: CourseMeasures;
  /** The onset and life events; those within the course's sessions are marked as dotted lines. */
  events?: readonly DatedMark[];
  /**
   * The problem area's key events (ipt/key-events), marked apart from the life events: those within
   * the course on the session axis, earlier ones together in a "Before" slot left of session 1.
   */
  keyEvents?: readonly DatedMark[];
}) {
  const rows = trendRows(measures);
  if (rows.length === 0) {
    return (
      <EmptyState title="No scores recorded yet.">
        <p>PHQ-9 and GAD-7 scores are recorded on the page of each held session.</p>
      </EmptyState>
    );
  }
  const marks = trendAnnotations(measures, rows);
  const eventLines = eventMarks(measures.sessions, events);
  const eventsText =
    eventLines.length === 0
      ? ""
      : ` Marked on the session axis: ${eventLines.map((mark) => `${mark.label} (${mark.date})`).join(", ")}.`;
  const keyMarks = keyEventPlacement(measures.sessions, keyEvents);
  // The slot has no tick of its own (at a phone's width the axis drops crowded ticks): its mark says it.
  const beforeLabel = `Before: ${[...new Set(keyMarks.before.map((mark) => mark.label))].join(", ")}`;
  const phases = phaseRanges(measures.sessions);
  const ticks = sessionTicks(rows, measures);
  const last = ticks.at(-1) ?? 1;
  const data = rows.map((row) => ({
    sessionNumber: row.sessionNumber,
    phq9: row.phq9?.total ?? null,
    gad7: row.gad7?.total ?? null,
  }));

  return (
    <>
      <figure className="trend-figure">
        {/* One image named by its summary; the chart's own SVGs (legend icons, tooltip) stay out of
            the accessibility tree so they are not read as further images. */}
        <div
          className="trend-chart"
          role="img"
          aria-label={trendSummary(rows, marks) + eventsText + keyEventsSentence(keyMarks)}
        >
          <div aria-hidden="true">
            <LineChart
              responsive
              accessibilityLayer={false}
              style={{ width: "100%", height: 360 }}
              data={data}
              margin={{ top: 24, right: 8, bottom: 8, left: 0 }}
            >
              {phq9.bands.map((band, index) => (
                <ReferenceArea
                  key={band.key}
                  y1={band.min}
                  y2={index === phq9.bands.length - 1 ? band.max : band.max + 1}
                  fill={BAND_FILLS[index] ?? BAND_FILLS[0]}
                  fillOpacity={1}
                  ifOverflow="hidden"
                  label={{ value: band.label, position: "insideRight", fill: TEXT_COLOUR, fontSize: 12 }}
                />
              ))}
              {phq9.bands.slice(1).map((band) => (
                <ReferenceLine key={band.key} y={band.min} stroke={GRID_COLOUR} strokeDasharray="2 4" />
              ))}
              {phases.map((range) => (
                <ReferenceArea
                  key={`${range.phase}-${range.from}`}
                  x1={range.from - 0.5}
                  x2={range.to + 0.5}
                  fillOpacity={0}
                  ifOverflow="hidden"
                  label={{
                    value: coursePhaseLabels[range.phase],
                    position: "top",
                    fill: TEXT_COLOUR,
                    fontSize: 12,
                  }}
                />
              ))}
              {phases.slice(1).map((range) => (
                <ReferenceLine
                  key={`boundary-${range.from}`}
                  x={range.from - 0.5}
                  stroke={GRID_COLOUR}
                  strokeWidth={1.5}
                />
              ))}
              <XAxis
                type="number"
                dataKey="sessionNumber"
                domain={[keyMarks.before.length > 0 ? BEFORE_COURSE_X - 0.5 : 0.5, last + LABEL_ROOM]}
                ticks={ticks}
                allowDecimals={false}
                tick={{ fill: TEXT_COLOUR }}
                stroke={GRID_COLOUR}
                height={48}
                label={{ value: "Session", position: "insideBottom", offset: 0, fill: TEXT_COLOUR }}
              />
              <YAxis
                domain={[0, phq9.max]}
                ticks={[0, ...phq9.bands.slice(1).map((band) => band.min), phq9.max]}
                allowDecimals={false}
                tick={{ fill: TEXT_COLOUR }}
                stroke={GRID_COLOUR}
                width={36}
              />
              <Tooltip labelFormatter={(label) => <>Session {label}</>} />
              <Legend position="bottom" itemSorter={null} wrapperStyle={{ paddingTop: 4 }} />
              <Line
                name="PHQ-9"
                dataKey="phq9"
                type="linear"
                stroke={PHQ9_COLOUR}
                strokeWidth={2.5}
                dot={{ r: 4, fill: PHQ9_COLOUR, stroke: PHQ9_COLOUR }}
                legendType="plainline"
                connectNulls
                isAnimationActive={false}
              />
              <Line
                name="GAD-7"
                dataKey="gad7"
                type="linear"
                stroke={GAD7_COLOUR}
                strokeWidth={2.5}
                strokeDasharray="7 4"
                dot={{ r: 4, fill: "#ffffff", stroke: GAD7_COLOUR, strokeWidth: 2, strokeDasharray: "" }}
                legendType="plainline"
                connectNulls
                isAnimationActive={false}
              />
              {eventLines.map((mark) => (
                <ReferenceLine
                  key={`event-${mark.date}-${mark.label}`}
                  x={mark.x}
                  stroke={LIFE_EVENT_COLOUR}
                  strokeDasharray="2 3"
                  ifOverflow="hidden"
                  label={{
                    value: mark.label,
                    position: "insideBottomRight",
                    fill: LIFE_EVENT_COLOUR,
                    fontSize: 12,
                  }}
                />
              ))}
              {keyMarks.before.length > 0 ? (
                <ReferenceLine
                  key="key-before"
                  x={BEFORE_COURSE_X}
                  stroke={KEY_EVENT_COLOUR}
                  strokeWidth={2.5}
                  strokeDasharray="10 3 2 3"
                  ifOverflow="hidden"
                  label={{
                    value: beforeLabel,
                    position: "insideTopLeft",
                    fill: KEY_EVENT_COLOUR,
                    fontSize: 12,
                    fontWeight: 700,
                  }}
                />
              ) : null}
              {keyMarks.within.map((mark) => (
                <ReferenceLine
                  key={`key-${mark.date}-${mark.label}`}
                  x={mark.x}
                  stroke={KEY_EVENT_COLOUR}
                  strokeWidth={2.5}
                  strokeDasharray="10 3 2 3"
                  ifOverflow="hidden"
                  label={{
                    value: mark.label,
                    position: "insideTopLeft",
                    fill: KEY_EVENT_COLOUR,
                    fontSize: 12,
                    fontWeight: 700,
                  }}
                />
              ))}
              {marks.map((mark) => (
                <ReferenceDot
                  key={mark.key}
                  x={mark.sessionNumber}
                  y={mark.total}
                  r={9}
                  fill="none"
                  stroke={MARK_COLOURS[mark.severity]}
                  strokeWidth={2}
                  label={{
                    value: mark.label,
                    position: "bottom",
                    fill: MARK_COLOURS[mark.severity],
                    fontSize: 12,
                  }}
                />
              ))}
            </LineChart>
          </div>
        </div>
        <figcaption className="trend-figure__caption">
          PHQ-9 (solid line, filled dots) and GAD-7 (dashed line, open dots) by session. The shaded bands are
          the PHQ-9 severity bands ({bandsText(phq9.bands)}); GAD-7 bands are {bandsText(gad7.bands)}. Phases
          of the plan are marked along the top; circles mark alerts; dotted vertical lines mark the onset and
          life events that fall within the course; bold dash-dot lines mark the problem area&rsquo;s key
          events (those before the first session together, left of session 1, marked &ldquo;Before&rdquo;).
          The same scores are in the table below; every event is in the interpersonal timeline.
        </figcaption>
      </figure>
      <ScoresTable rows={rows} />
    </>
  );
}
