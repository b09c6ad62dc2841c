import { problemAreaKeyEvents, toZoned, type CourseMeasures, type MeasureScore } from "@ipt/shared";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Section } from "../../../components/section";
import { LiveStatus, QueryFallback } from "../../../components/states";
import { paths } from "../../../config/paths";
import {
  useCourseMeasures,
  useReloadCourseMeasures,
} from "../../../features/measures/api/get-course-measures";
import { AlertsPanel } from "../../../features/measures/components/alerts-panel";
import { CorrectScoreDialog } from "../../../features/measures/components/correct-score-dialog";
import { correctionSavedMessage } from "../../../features/measures/components/labels";
import { OutcomePanel } from "../../../features/measures/components/outcome-panel";
import { RiskFlagList } from "../../../features/measures/components/risk-flag-panel";
import { ScheduleTable } from "../../../features/measures/components/schedule-table";
import { ScoreHistory } from "../../../features/measures/components/score-history";
import { TrendChart } from "../../../features/measures/components/trend-chart";
import type { DatedMark } from "../../../features/measures/components/trend-data";
import { InterpersonalTimeline } from "../../../features/measures/components/interpersonal-timeline";
import { useCourse } from "../../../features/courses/api/get-course";
import { useInventory } from "../../../features/inventory/api/get-inventory";
import { lifeEventKindLabels } from "../../../features/inventory/components/labels";
import { useServiceTimeZone } from "../../../lib/service-time-zone";

/**
 * The onset (from the course) and the life events (from the inventory, which only the client's
 * therapist reads: a supervisor sees the onset, the scores and the dispute's recorded stage changes),
 * for the chart's marks and the list. The problem area's key events (ipt/key-events) are marked apart,
 * so a life event that is one is not marked twice.
 */
function useTimelineSources(measures: CourseMeasures) {
  const course = useCourse(measures.courseId);
  const inventory = useInventory(measures.client.id, { enabled: measures.canWrite });
  const timeZone = useServiceTimeZone();
  const onset = course.data?.episodeOnsetOn ?? null;
  const events = inventory.data?.lifeEvents ?? [];
  const keyEvents = course.data
    ? problemAreaKeyEvents({
        primaryArea: course.data.primaryArea,
        secondaryArea: course.data.secondaryArea,
        lifeEvents: events,
        areaChanges: course.data.problemAreaChanges.map((change) => ({
          id: change.id,
          changedOn: toZoned(new Date(change.changedAt), timeZone).date,
          fromStage: change.fromStage,
          toStage: change.toStage,
        })),
      })
    : [];
  const keyLifeEvents = new Set(keyEvents.map((key) => key.lifeEventId));
  const marks: DatedMark[] = [
    ...(onset === null ? [] : [{ date: onset, label: "Onset" }]),
    ...events
      .filter((event) => !keyLifeEvents.has(event.id))
      .map((event) => ({ date: event.occurredOn, label: lifeEventKindLabels[event.kind] })),
  ];
  const keyMarks: DatedMark[] = keyEvents.map((key) => ({ date: key.date, label: key.label }));
  return { course, inventory, onset, events, marks, keyEvents, keyMarks };
}

function TimelineContent({
  measures,
  sources,
}: {
  measures: CourseMeasures;
  sources: ReturnType<typeof useTimelineSources>;
}) {
  const { course, inventory } = sources;
  const loading = "Loading the timeline…";
  const errorTitle = "The timeline could not be loaded.";
  if (course.isPending || course.isError) {
    return <QueryFallback query={course} loading={loading} errorTitle={errorTitle} />;
  }
  if (measures.canWrite && (inventory.isPending || inventory.isError)) {
    return <QueryFallback query={inventory} loading={loading} errorTitle={errorTitle} />;
  }
  return (
    <>
      {measures.canWrite ? null : (
        <p className="section__intro">The life events are in the therapist’s interpersonal inventory.</p>
      )}
      <InterpersonalTimeline
        measures={measures}
        onset={sources.onset}
        events={sources.events}
        kindLabels={lifeEventKindLabels}
        keyEvents={sources.keyEvents}
      />
    </>
  );
}

function MeasuresContent({ measures }: { measures: CourseMeasures }) {
  const reload = useReloadCourseMeasures(measures.courseId);
  const [correcting, setCorrecting] = useState<MeasureScore | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { canWrite } = measures;
  const openFlags = measures.riskFlags.filter((flag) => !flag.resolvedAt).length;
  const timeline = useTimelineSources(measures);

  return (
    <>
      <LiveStatus message={status} />
      <Section focusable id="alerts-heading" title="Alerts">
        <AlertsPanel flags={measures.flags} />
      </Section>

      <Section focusable id="risk-heading" title="Risk flags">
        {measures.riskFlags.length === 0 ? (
          <p className="muted">No risk flags raised in this course.</p>
        ) : (
          <>
            <p className="section__intro">
              {openFlags === 0 ? "No open risk flags." : `${openFlags} open.`} A flag stays open until a
              clinician resolves it with a reason.
            </p>
            <RiskFlagList flags={measures.riskFlags} canWrite={canWrite} allowResolve onReload={reload} />
          </>
        )}
      </Section>

      <Section focusable id="outcome-heading" title="Outcome">
        <OutcomePanel outcome={measures.outcome} />
      </Section>

      <Section focusable id="trend-heading" title="Trend">
        <TrendChart measures={measures} events={timeline.marks} keyEvents={timeline.keyMarks} />
      </Section>

      <Section focusable id="timeline-heading" title="Interpersonal timeline">
        <TimelineContent measures={measures} sources={timeline} />
      </Section>

      <Section focusable id="schedule-heading" title="Measurement schedule">
        <ScheduleTable schedule={measures.schedule} settings={measures.settings} />
      </Section>

      <Section focusable id="scores-heading" title="All scores">
        <p className="section__intro">
          Scores are recorded on each held session’s page. A correction is added as a new score; the original
          stays on record.
        </p>
        <ScoreHistory
          scores={measures.scores}
          canWrite={canWrite}
          onCorrect={(score) => {
            setStatus(null);
            setCorrecting(score);
          }}
        />
        {canWrite ? (
          <CorrectScoreDialog
            score={correcting}
            courseId={measures.courseId}
            onReload={reload}
            onClose={() => setCorrecting(null)}
            onSaved={(result) => {
              setCorrecting(null);
              setStatus(correctionSavedMessage(result));
            }}
          />
        ) : null}
      </Section>
    </>
  );
}

/**
 * The course's Measures section: scores, trend, outcome, schedule, alerts and risk flags; read only
 * for supervisors. The course layout around it names the course.
 */
export function CourseMeasuresRoute() {
  const { courseId = "" } = useParams();
  const measures = useCourseMeasures(courseId);

  if (measures.isPending || measures.isError) {
    return (
      <QueryFallback
        query={measures}
        loading="Loading the measures…"
        errorTitle="The measures could not be loaded."
      />
    );
  }

  const data = measures.data;
  return (
    <>
      <p className="section__intro">
        Seen by {data.therapist.name}.{" "}
        <Link to={paths.clinical.courseSummary.getHref(data.courseId)}>End-of-treatment summary</Link>
      </p>
      {data.canWrite ? null : <p className="notice">Read only: you are viewing as a supervisor.</p>}
      <MeasuresContent measures={data} />
    </>
  );
}
