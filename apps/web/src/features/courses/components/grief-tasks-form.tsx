import {
  GRIEF_TASKS_SYNTHESIS,
  griefTasksFor,
  griefTasksRequest,
  type CourseDetail,
  type GriefTaskField,
} from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { SubmitButton, TextAreaField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadCourse } from "../api/get-course";
import { useUpdateGriefTasks } from "../api/update-grief-tasks";

const fieldNames = fieldNamesOf(griefTasksRequest);
const MAX_NOTE = 5000;

/**
 * The grief area's structured tasks (ipt/grief), one fieldset each with what to explore and its
 * sources: the events around the death, the relationship reconstructed (both sides), avoided grief.
 * Every note is sent; an emptied one is cleared.
 */
export function GriefTasksForm({ course }: { course: CourseDetail }) {
  const update = useUpdateGriefTasks();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);
  const tasks = griefTasksFor(course.lineage);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const data = new FormData(event.currentTarget);
    const notes = Object.fromEntries(
      tasks.flatMap((task) => task.fields).map((field) => [field.name, formText(data, field.name)]),
    ) as Record<GriefTaskField, string>;
    const parsed = griefTasksRequest.safeParse({ version: course.version, ...notes });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setStatus(null);
    setErrors(noWriteErrors);
    update.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: () => setStatus("Grief tasks saved."),
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  return (
    <form
      ref={formRef}
      className="form form--wide"
      noValidate
      aria-label="Grief tasks"
      onSubmit={handleSubmit}
    >
      <WriteErrorSummary errors={errors} onReload={reload} />
      <p className="field__hint">
        What was explored with the client, in a few words; every note is optional. {GRIEF_TASKS_SYNTHESIS}
      </p>
      {tasks.map((task) => (
        <fieldset key={task.key} className="fieldset">
          <legend className="fieldset__legend">{task.label}</legend>
          <p className="field__hint">
            {task.prompt} <SourceTags tags={task.sources} />
          </p>
          {task.fields.map((field) => (
            <TextAreaField
              key={field.name}
              name={field.name}
              label={field.label}
              defaultValue={course.griefTasks[field.name] ?? ""}
              rows={3}
              maxLength={MAX_NOTE}
              error={errors.fields[field.name]}
            />
          ))}
        </fieldset>
      ))}
      <SubmitButton pending={update.isPending} pendingLabel="Saving…">
        Save grief tasks
      </SubmitButton>
      <LiveStatus message={status} />
    </form>
  );
}
