import {
  GAD7_CASENESS_NOTE,
  instrumentDefinitions,
  type CourseOutcomeResult,
  type MeasureChange,
} from "@ipt/shared";
import { formatSigned, reductionWords } from "../../../components/clinical/measure-text";
import { OutcomeIndicatorsTable, PercentRulesNote } from "../../../components/clinical/outcome-indicators";
import { SourceTags } from "../../../components/clinical/source-tags";
import { TableWrap } from "../../../components/table-wrap";

/** "44.4% lower", "25% higher", "No change", or why there is no percentage. */
export function reductionText(change: Pick<MeasureChange, "change" | "reductionPercent">): string {
  if (change.change === 0) return "No change";
  if (change.reductionPercent === null) return "Not worked out (baseline 0)";
  return reductionWords(change.reductionPercent);
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
  const changesCaption = "Change from baseline";
  return (
    <div className="stack">
      <p className="outcome-status">
        Status: <strong className="outcome-status__label">{outcome.statusLabel}</strong>
      </p>
      {outcome.phq9 && !outcome.percentRulesApply ? <PercentRulesNote /> : null}

      {changes.length > 0 ? (
        <TableWrap label={changesCaption}>
          <table className="table table--compact">
            <caption>{changesCaption}</caption>
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
        </TableWrap>
      ) : null}

      <OutcomeIndicatorsTable
        indicators={outcome.indicators}
        caption="Published outcome definitions"
        variant="screen"
      />
      <p className="muted">
        {GAD7_CASENESS_NOTE.text} <SourceTags tags={GAD7_CASENESS_NOTE.sources} />
      </p>
    </div>
  );
}
