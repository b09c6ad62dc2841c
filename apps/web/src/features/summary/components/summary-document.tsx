import {
  areaGuidanceFor,
  disputeStageGuidance,
  formatPresets,
  instrumentDefinitions,
  instruments,
  lineagePresets,
  OUTCOME_DEFINITIONS,
  sensitivityGuidance,
  techniqueGuidance,
  type EndOfTreatmentSummary,
  type Instrument,
  type OutcomeIndicator,
} from "@ipt/shared";
import type { ReactNode } from "react";
import { courseOutcomeLabels, nextStepLabels } from "../../../components/clinical/labels";
import { formatChange } from "../../../components/clinical/measure-text";
import { SourceKey, SourceTags } from "../../../components/clinical/source-tags";
import { PageHeading } from "../../../components/page-heading";
import { formatCalendarDate, formatDate, formatDateTime } from "../../../lib/format";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="summary__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function PrintSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="print-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const notRecorded = <span className="muted">Not recorded</span>;

const calendarDate = (date: string | null) =>
  date ? <time dateTime={date}>{formatCalendarDate(date)}</time> : notRecorded;

const yesNo = (done: boolean) => (done ? "Yes" : "No");

/** True once the course has ended (completed or discontinued); until then the summary is provisional. */
export function hasEnded(summary: EndOfTreatmentSummary): boolean {
  return summary.course.endedOn !== null || summary.course.outcome !== null;
}

const metLabels = { true: "Met", false: "Not met", null: "Not applicable" } as const;

/** "Met", "Not met" or "Not applicable" for one published outcome definition. */
export function indicatorResult(indicator: Pick<OutcomeIndicator, "met">): string {
  return metLabels[`${indicator.met}`];
}

function ScoreCell({
  point,
  band,
}: {
  point: { total: number; sessionNumber: number } | undefined;
  band: { label: string } | null;
}) {
  if (!point) return notRecorded;
  return (
    <>
      {point.total}
      {band ? ` (${band.label})` : ""}
      <span className="cell__note">Session {point.sessionNumber}</span>
    </>
  );
}

function ScoresTable({ summary }: { summary: EndOfTreatmentSummary }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>Baseline and final scores</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Baseline</th>
            <th scope="col">Final</th>
            <th scope="col">Change</th>
            <th scope="col">Scores recorded</th>
          </tr>
        </thead>
        <tbody>
          {instruments.map((instrument: Instrument) => {
            const change = summary.measures[instrument];
            return (
              <tr key={instrument}>
                <th scope="row">{instrumentDefinitions[instrument].name}</th>
                <td>
                  <ScoreCell point={change?.baseline} band={summary.baselineBands[instrument]} />
                </td>
                <td>
                  {change && change.count > 1 ? (
                    <ScoreCell point={change.latest} band={summary.finalBands[instrument]} />
                  ) : (
                    <span className="muted">{change ? "Baseline only" : "Not recorded"}</span>
                  )}
                </td>
                <td className="cell--nowrap">
                  {change && change.count > 1 ? formatChange(change.change, change.reductionPercent) : "—"}
                </td>
                <td>{change?.count ?? 0}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function IndicatorsTable({ indicators }: { indicators: readonly OutcomeIndicator[] }) {
  if (indicators.length === 0) return <p className="muted">No outcome definitions could be evaluated yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>Outcome definitions</caption>
        <thead>
          <tr>
            <th scope="col">Definition</th>
            <th scope="col">Result</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator) => (
            <tr key={indicator.code}>
              <th scope="row">
                {indicator.label} <SourceTags tags={indicator.sources} />
              </th>
              <td className="cell--nowrap">{indicatorResult(indicator)}</td>
              <td>{indicator.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every source tag the summary cites, for the key at its end. */
function summaryTags(summary: EndOfTreatmentSummary): string[] {
  return [
    ...summary.outcome.indicators.flatMap((indicator) => indicator.sources),
    ...(summary.outcome.percentRulesApply ? [] : OUTCOME_DEFINITIONS.percentRulesMinBaselinePhq9.sources),
    ...instruments.flatMap((instrument) =>
      summary.measures[instrument] ? instrumentDefinitions[instrument].bandSources : [],
    ),
  ];
}

/**
 * The printable end-of-treatment summary: the course, its focus, the work done, baseline and final
 * scores, the outcome against each published definition (with sources), the ending and the risk
 * flags. Provisional until the course has ended.
 */
export function SummaryDocument({ summary }: { summary: EndOfTreatmentSummary }) {
  const { course, client, therapist, sessions, termination, riskFlags, outcome } = summary;
  const ended = hasEnded(summary);
  return (
    <>
      <PageHeading title={`End-of-treatment summary: ${client.displayName}`}>
        End-of-treatment summary
      </PageHeading>
      <p className="muted">
        {client.displayName}, course {course.sequence}. Generated by the IPT Session Planner on{" "}
        {formatDateTime(summary.generatedAt)}.
      </p>
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
      </p>
      {ended ? null : (
        <div className="notice notice--important">
          <p className="notice__title">Provisional: this course has not ended.</p>
          <p>The final scores and the outcome are the latest so far and may change as the course goes on.</p>
        </div>
      )}

      <PrintSection id="summary-course-heading" title="Course">
        <dl className="summary">
          <Row term="Client">{client.displayName}</Row>
          <Row term="Therapist">{therapist.name}</Row>
          <Row term="Format">
            {formatPresets[course.format].label} ({lineagePresets[course.lineage].label})
          </Row>
          <Row term="Course start">{calendarDate(course.startDate)}</Row>
          <Row term="First session held">{calendarDate(summary.firstHeldOn)}</Row>
          <Row term="Last session held">{calendarDate(summary.lastHeldOn)}</Row>
          <Row term="Ended">
            {course.endedOn ? calendarDate(course.endedOn) : <span className="muted">Not ended yet</span>}
            {course.outcome ? ` (${courseOutcomeLabels[course.outcome].toLowerCase()})` : ""}
          </Row>
          {course.outcomeReason ? <Row term="Reason">{course.outcomeReason}</Row> : null}
          <Row term="Sessions">
            {sessions.held} held of {sessions.planned} planned; {sessions.noShow} did not attend;{" "}
            {sessions.cancelled} cancelled
          </Row>
        </dl>
      </PrintSection>

      <PrintSection id="summary-focus-heading" title="Problem area and formulation">
        <dl className="summary">
          <Row term="Primary problem area">
            {course.primaryArea ? areaGuidanceFor(course.primaryArea, course.lineage).label : notRecorded}
            {course.disputeStage ? ` (${disputeStageGuidance[course.disputeStage].label.toLowerCase()})` : ""}
          </Row>
          {course.secondaryArea ? (
            <Row term="Secondary problem area">
              {areaGuidanceFor(course.secondaryArea, course.lineage).label}
            </Row>
          ) : null}
          {course.sensitivityModifier ? <Row term="Modifier">{sensitivityGuidance.label}</Row> : null}
          <Row term="Formulation">
            {course.formulation?.trim() ? <span className="prewrap">{course.formulation}</span> : notRecorded}
          </Row>
        </dl>
      </PrintSection>

      <PrintSection id="summary-work-heading" title="Work done">
        {summary.techniques.length === 0 ? (
          <p className="muted">No techniques were recorded in held sessions.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption>Techniques used in held sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Technique</th>
                  <th scope="col">Sessions</th>
                </tr>
              </thead>
              <tbody>
                {summary.techniques.map((entry) => (
                  <tr key={entry.technique}>
                    <th scope="row">{techniqueGuidance[entry.technique].label}</th>
                    <td>{entry.sessions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PrintSection>

      <PrintSection id="summary-scores-heading" title="Scores">
        <ScoresTable summary={summary} />
      </PrintSection>

      <PrintSection id="summary-outcome-heading" title="Outcome">
        <dl className="summary">
          <Row term="Outcome status">{outcome.statusLabel}</Row>
        </dl>
        {outcome.percentRulesApply ? null : (
          <p>
            {OUTCOME_DEFINITIONS.percentRulesMinBaselinePhq9.text}{" "}
            <SourceTags tags={OUTCOME_DEFINITIONS.percentRulesMinBaselinePhq9.sources} />
          </p>
        )}
        <IndicatorsTable indicators={outcome.indicators} />
      </PrintSection>

      <PrintSection id="summary-ending-heading" title="Ending">
        <dl className="summary">
          <Row term="Ending raised">
            {termination.raisedAt ? (
              <time dateTime={termination.raisedAt}>{formatDate(termination.raisedAt)}</time>
            ) : (
              notRecorded
            )}
          </Row>
          <Row term="Progress reviewed">{yesNo(termination.progressReviewed)}</Row>
          <Row term="Gains credited to the client">{yesNo(termination.gainsCredited)}</Row>
          <Row term="Feelings about ending discussed">{yesNo(termination.feelingsDiscussed)}</Row>
          <Row term="Warning signs and relapse plan">
            {termination.relapsePlan?.trim() ? (
              <span className="prewrap">{termination.relapsePlan}</span>
            ) : (
              notRecorded
            )}
          </Row>
          <Row term="Next step">
            {termination.nextStep ? nextStepLabels[termination.nextStep] : notRecorded}
          </Row>
        </dl>
      </PrintSection>

      <PrintSection id="summary-risk-heading" title="Risk flags">
        <dl className="summary">
          <Row term="Raised during the course">{riskFlags.raised}</Row>
          <Row term="Still open">
            {riskFlags.open > 0 ? (
              <strong className="text-risk">
                <span aria-hidden="true">! </span>
                Urgent: {riskFlags.open} open
              </strong>
            ) : (
              "None"
            )}
          </Row>
        </dl>
      </PrintSection>

      <PrintSection id="summary-sources-heading" title="Sources">
        <SourceKey tags={summaryTags(summary)} />
      </PrintSection>
    </>
  );
}
