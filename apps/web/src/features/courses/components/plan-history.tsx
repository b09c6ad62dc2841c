import type { CourseDetail } from "@ipt/shared";
import { formatDateTime } from "../../../lib/format";
import { areaLabel } from "./area-text";

/** What changed in the plan, newest first, with who changed it and when. */
export function PlanHistory({ course }: { course: CourseDetail }) {
  if (course.planChanges.length === 0) return <p className="muted">The plan has not been changed.</p>;
  const newestFirst = [...course.planChanges].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <ul className="history">
      {newestFirst.map((change) => (
        <li key={change.id} className="history__item">
          <p className="history__when">
            <time dateTime={change.changedAt}>{formatDateTime(change.changedAt)}</time>,{" "}
            {change.changedBy.name}
          </p>
          <p>{change.summary}</p>
        </li>
      ))}
    </ul>
  );
}

/** Changes of problem area after the first choice, each with its reason. */
export function ProblemAreaHistory({ course }: { course: CourseDetail }) {
  if (course.problemAreaChanges.length === 0) {
    return <p className="muted">The problem area has not been changed.</p>;
  }
  const label = (area: Parameters<typeof areaLabel>[0] | null) =>
    area ? areaLabel(area, course.lineage) : "none";
  const newestFirst = [...course.problemAreaChanges].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <ul className="history">
      {newestFirst.map((change) => (
        <li key={change.id} className="history__item">
          <p className="history__when">
            <time dateTime={change.changedAt}>{formatDateTime(change.changedAt)}</time>,{" "}
            {change.changedBy.name}
          </p>
          <p>
            Primary area: {label(change.fromPrimary)} → {label(change.toPrimary)}. Secondary area:{" "}
            {label(change.fromSecondary)} → {label(change.toSecondary)}.
          </p>
          <p>Reason: {change.reason}</p>
        </li>
      ))}
    </ul>
  );
}
