import { flagSeverityLabels } from "../../../components/clinical/labels";

/** A member's open risk flags in red, and in words ("Urgent: 1 open risk flag"), never colour alone. */
export function OpenRiskBadge({ count }: { count: number }) {
  if (count === 0) return <span className="cell__note">None</span>;
  return (
    <span className="badge badge--flag badge--flag-red">
      <span className="badge__severity">{flagSeverityLabels.red}:</span> {count} open risk{" "}
      {count === 1 ? "flag" : "flags"}
    </span>
  );
}
