// Table cells summarising a course's PHQ-9, shared by the therapist's caseload and the supervisor's
// cockpit.
import type { MeasureSummary } from "@ipt/shared";
import { formatChange } from "./measure-text";

/** Latest PHQ-9 with its band and session; "None" before the first score. */
export function LatestPhq9Cell({ measures }: { measures: MeasureSummary | null }) {
  const latest = measures?.latestPhq9;
  if (!latest) return <span className="cell__note">None</span>;
  return (
    <>
      <span className="score">{latest.total}</span> <span className="badge">{latest.band.label}</span>
      <span className="cell__note">Session {latest.sessionNumber}</span>
    </>
  );
}

/** PHQ-9 change from baseline, e.g. "−8 (44.4% lower)"; needs two scores. */
export function Phq9ChangeCell({ measures }: { measures: MeasureSummary | null }) {
  if (!measures || measures.phq9Change === null) {
    return <span className="cell__note">{measures?.latestPhq9 ? "Baseline only" : "None"}</span>;
  }
  return (
    <span className="cell--nowrap">{formatChange(measures.phq9Change, measures.phq9ReductionPercent)}</span>
  );
}
