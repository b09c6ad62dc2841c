import type { DuePoint, DueState, MeasurementSettings } from "@ipt/shared";
import { SourceTags } from "../../../components/clinical/source-tags";
import { TableWrap } from "../../../components/table-wrap";
import { dueReasonLabel, dueStateLabels } from "./labels";

function State({ state }: { state: DueState }) {
  const label = dueStateLabels[state];
  if (state === "overdue") return <strong className="due-state due-state--overdue">{label}</strong>;
  return <span className={`due-state due-state--${state}`}>{label}</span>;
}

/** When PHQ-9 and GAD-7 are due in this course, and whether each was recorded. */
export function ScheduleTable({
  schedule,
  settings,
}: {
  schedule: readonly DuePoint[];
  settings: MeasurementSettings;
}) {
  const every = settings.measureEverySessions;
  const caption = "When PHQ-9 and GAD-7 are due";
  return (
    <>
      <p className="section__intro">
        PHQ-9 and GAD-7 are due at the first session (baseline),{" "}
        {every === 1 ? "every session" : `every ${every} sessions`}, at the early and mid-course reviews and
        at the final session. A score counts for a due point if it is given there or before the next one.{" "}
        <SourceTags tags={["S12b", "MBC-default"]} />
      </p>
      <TableWrap label={caption}>
        <table className="table table--compact">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Due because</th>
              <th scope="col">PHQ-9</th>
              <th scope="col">GAD-7</th>
            </tr>
          </thead>
          <tbody>
            {schedule.map((point) => (
              <tr key={point.sessionNumber}>
                <th scope="row">Session {point.sessionNumber}</th>
                <td>{point.reasons.map((reason) => dueReasonLabel(reason, every)).join(", ")}</td>
                <td>
                  <State state={point.phq9} />
                </td>
                <td>
                  <State state={point.gad7} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
