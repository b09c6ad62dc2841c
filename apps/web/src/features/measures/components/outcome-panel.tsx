import {
  GAD7_CASENESS_NOTE,
  instrumentDefinitions,
  OUTCOME_DEFINITIONS,
  type CourseOutcomeResult,
  type MeasureChange,
  type OutcomeIndicator,
} from "@ipt/shared";
import { formatPercent, formatSigned } from "../../../components/clinical/measure-text";
import { SourceTags } from "../../../components/clinical/source-tags";

/** "Met", "Not met", "Not applicable": the result in words. */
export function indicatorResult(indicator: Pick<OutcomeIndicator, "met">): string {
  if (indicator.met === null) return "Not applicable";
  return indicator.met ? "Met" : "Not met";
}

/** "44.4% lower", "25% higher", "No change", or why there is no percentage. */
export function reductionText(change: Pick<MeasureChange, "change" | "reductionPercent">): string {
  if (change.change === 0) return "No change";
  if (change.reductionPercent === null) return "Not worked out (baseline 0)";
  const direction = change.reductionPercent >= 0 ? "lower" : "higher";
  return `${formatPercent(Math.abs(change.reductionPercent))} ${direction}`;
}

function ChangeRow({ change }: { change: MeasureChange }) {
  return (
    <tr>
      <th scope="row">{instrumentDefinitions[change.instrument].name}</th>
      <td>
        {change.baseline.total} <span className="cell__note">session {change.baseline.sessionNumber}</span>
      </td>
      <td>
        {change.latest.total} <span className="cell__note">session {change.latest.sessionNumber}</span>
      </td>
      <td>{change.count > 1 ? formatSigned(change.change) : <span className="muted">Baseline only</span>}</td>
      <td>{change.count > 1 ? reductionText(change) : <span className="muted">Baseline only</span>}</td>
    </tr>
  );
}

/**
 * Where the course stands on its measures: the status, baseline → latest for each instrument, and
 * every published outcome definition (met, not met or not applicable, with why and its sources).
 */
export function OutcomePanel({ outcome }: { outcome: CourseOutcomeResult }) {
  const changes = [outcome.phq9, outcome.gad7, outcome.hamd17].filter(
    (change): change is MeasureChange => change !== null,
  );
  const percentRules = OUTCOME_DEFINITIONS.percentRulesMinBaselinePhq9;
  return (
    <div className="stack">
      <p className="outcome-status">
        Status: <strong className="outcome-status__label">{outcome.statusLabel}</strong>
      </p>
      {outcome.phq9 && !outcome.percentRulesApply ? (
        <p>
          {percentRules.text} <SourceTags tags={percentRules.sources} />
        </p>
      ) : null}

      {changes.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption>Change from baseline</caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Baseline</th>
                <th scope="col">Latest</th>
                <th scope="col">Change</th>
                <th scope="col">Compared with baseline</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <ChangeRow key={change.instrument} change={change} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <div className="table-wrap">
        <table className="table table--compact">
          <caption>Published outcome definitions</caption>
          <thead>
            <tr>
              <th scope="col">Definition</th>
              <th scope="col">Result</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {outcome.indicators.map((indicator) => (
              <tr key={indicator.code}>
                <th scope="row">
                  {indicator.label} <SourceTags tags={indicator.sources} />
                </th>
                <td>
                  <span
                    className={`badge badge--outcome-${indicator.met === null ? "na" : indicator.met ? "met" : "not-met"}`}
                  >
                    {indicatorResult(indicator)}
                  </span>
                </td>
                <td>{indicator.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {GAD7_CASENESS_NOTE.text} <SourceTags tags={GAD7_CASENESS_NOTE.sources} />
      </p>
    </div>
  );
}
