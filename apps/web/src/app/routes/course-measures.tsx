import type { CourseMeasures, MeasureScore } from "@ipt/shared";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { Breadcrumbs, type Crumb } from "../../components/breadcrumbs";
import { coursePhaseLabels } from "../../components/clinical/labels";
import { PageHeading } from "../../components/page-heading";
import { Section } from "../../components/section";
import { LiveStatus, QueryFallback } from "../../components/states";
import { paths } from "../../config/paths";
import { useSession } from "../../features/auth/api/get-session";
import { useCourseMeasures, useReloadCourseMeasures } from "../../features/measures/api/get-course-measures";
import { AlertsPanel } from "../../features/measures/components/alerts-panel";
import { CorrectScoreDialog } from "../../features/measures/components/correct-score-dialog";
import { correctionSavedMessage } from "../../features/measures/components/labels";
import { OutcomePanel } from "../../features/measures/components/outcome-panel";
import { RiskFlagList } from "../../features/measures/components/risk-flag-panel";
import { ScheduleTable } from "../../features/measures/components/schedule-table";
import { ScoreHistory } from "../../features/measures/components/score-history";
import { TrendChart } from "../../features/measures/components/trend-chart";

const TITLE = "Measures and outcomes";

/** The therapist comes from the caseload and the course; a supervisor from the supervision pages. */
function crumbsFor(role: string | undefined, measures: CourseMeasures | undefined): Crumb[] {
  if (role === "supervisor") {
    return [
      { label: "Supervision", href: paths.supervision.cockpit.getHref() },
      { label: "Open risk flags", href: paths.supervision.riskFlags.getHref() },
      { label: TITLE },
    ];
  }
  const crumbs: Crumb[] = [{ label: "Caseload", href: paths.therapist.caseload.getHref() }];
  if (measures) {
    crumbs.push(
      { label: measures.client.displayName, href: paths.therapist.client.getHref(measures.client.id) },
      { label: "Course", href: paths.therapist.course.getHref(measures.courseId) },
    );
  }
  return [...crumbs, { label: TITLE }];
}

function MeasuresContent({ measures }: { measures: CourseMeasures }) {
  const reload = useReloadCourseMeasures(measures.courseId);
  const [correcting, setCorrecting] = useState<MeasureScore | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { canWrite } = measures;
  const openFlags = measures.riskFlags.filter((flag) => !flag.resolvedAt).length;

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
        <TrendChart measures={measures} />
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

/** A course's scores, trend, outcome, schedule, alerts and risk flags; read-only for supervisors. */
export function CourseMeasuresRoute() {
  const { courseId = "" } = useParams();
  const measures = useCourseMeasures(courseId);
  const { data: session } = useSession();
  const role = session?.user.role;

  if (measures.isPending || measures.isError) {
    return (
      <div className="page">
        <Breadcrumbs crumbs={crumbsFor(role, undefined)} />
        <div className="page-header">
          <PageHeading>{TITLE}</PageHeading>
        </div>
        <QueryFallback
          query={measures}
          loading="Loading the measures…"
          errorTitle="The measures could not be loaded."
        />
      </div>
    );
  }

  const data = measures.data;
  return (
    <div className="page">
      <Breadcrumbs crumbs={crumbsFor(role, data)} />
      <div className="page-header">
        <PageHeading title={`${TITLE}: ${data.client.displayName}`}>{TITLE}</PageHeading>
        <div className="page-header__actions">
          {data.canWrite ? (
            <Link to={paths.therapist.course.getHref(data.courseId)} className="button button--secondary">
              Back to the course
            </Link>
          ) : null}
          <Link to={paths.clinical.courseSummary.getHref(data.courseId)} className="button button--secondary">
            End-of-treatment summary
          </Link>
        </div>
      </div>
      <p className="page-subtitle">
        {data.client.displayName}, seen by {data.therapist.name}. {coursePhaseLabels[data.phase]},{" "}
        {data.plannedSessions} planned sessions.
      </p>
      {data.canWrite ? null : <p className="notice">Read only: you are viewing as a supervisor.</p>}
      <MeasuresContent measures={data} />
    </div>
  );
}
