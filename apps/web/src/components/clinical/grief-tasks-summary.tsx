import { griefTasksFor, type CourseDetail } from "@ipt/shared";
import { SummaryRow } from "../summary-row";
import { SourceTags } from "./source-tags";

/**
 * The grief tasks' notes (ipt/grief) as read on the printable plan and on a completed course: one
 * row per note, under its task's name, with the task's sources.
 */
export function GriefTasksSummary({ course }: { course: Pick<CourseDetail, "lineage" | "griefTasks"> }) {
  return (
    <dl className="summary">
      {griefTasksFor(course.lineage).flatMap((task) =>
        task.fields.map((field) => {
          const note = course.griefTasks[field.name]?.trim();
          return (
            <SummaryRow key={field.name} term={task.fields.length > 1 ? field.label : task.label}>
              {note ? (
                <span className="prewrap">{note}</span>
              ) : (
                <span className="muted">Not recorded yet</span>
              )}{" "}
              <SourceTags tags={task.sources} />
            </SummaryRow>
          );
        }),
      )}
    </dl>
  );
}
