import type { MeasureSummary } from "@ipt/shared";
import { SummaryRow } from "../summary-row";
import { formatChange } from "./measure-text";

const none = <span className="muted">No scores yet</span>;

function Latest({ score }: { score: MeasureSummary["latestPhq9"] }) {
  if (!score) return none;
  return (
    <>
      {score.total} ({score.band.label}), session {score.sessionNumber}
    </>
  );
}

/**
 * A course's measures at a glance (course page, supervisor's review): latest PHQ-9 and GAD-7 with
 * their bands, the PHQ-9 change from baseline, the outcome status and the open risk flags.
 */
export function MeasureSummaryList({ measures }: { measures: MeasureSummary }) {
  return (
    <dl className="summary">
      <SummaryRow term="Latest PHQ-9">
        <Latest score={measures.latestPhq9} />
      </SummaryRow>
      <SummaryRow term="Latest GAD-7">
        <Latest score={measures.latestGad7} />
      </SummaryRow>
      <SummaryRow term="PHQ-9 change from baseline">
        {measures.phq9Change === null ? (
          <span className="muted">Needs a baseline and a later PHQ-9</span>
        ) : (
          formatChange(measures.phq9Change, measures.phq9ReductionPercent)
        )}
      </SummaryRow>
      <SummaryRow term="Outcome">{measures.statusLabel}</SummaryRow>
      <SummaryRow term="Open risk flags">
        {measures.openRiskFlags > 0 ? (
          <strong className="text-risk">{measures.openRiskFlags} open</strong>
        ) : (
          "None"
        )}
      </SummaryRow>
    </dl>
  );
}
