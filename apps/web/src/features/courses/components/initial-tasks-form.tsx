import { initialTasksRequest, type CourseDetail } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { CheckboxField, SubmitButton } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { writeErrorsFromError, noWriteErrors } from "../../../lib/write-errors";
import { useReloadCourse } from "../api/get-course";
import { useUpdateInitialTasks } from "../api/update-initial-tasks";

/** The two initial-phase tasks the therapist records by hand. */
export function InitialTasksForm({ course }: { course: CourseDetail }) {
  const updateTasks = useUpdateInitialTasks();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (updateTasks.isPending) return;
    const data = new FormData(event.currentTarget);
    const body = initialTasksRequest.parse({
      version: course.version,
      diagnosisNamed: data.has("diagnosisNamed"),
      sickRoleGiven: data.has("sickRoleGiven"),
    });
    setStatus(null);
    setErrors(noWriteErrors);
    updateTasks.mutate(
      { courseId: course.id, body },
      {
        onSuccess: () => setStatus("Initial tasks saved."),
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNamesOf(initialTasksRequest))),
      },
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <LiveStatus message={status} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Initial tasks</legend>
        <CheckboxField
          name="diagnosisNamed"
          label="Diagnosis named with the client"
          hint={
            <>
              {course.client.workingDiagnosis
                ? `Working diagnosis: ${course.client.workingDiagnosis}.`
                : "No working diagnosis is recorded for this client yet."}{" "}
              <SourceTags tags={["S7", "S10a"]} />
            </>
          }
          defaultChecked={course.diagnosisNamed}
        />
        <CheckboxField
          name="sickRoleGiven"
          label="Sick role given"
          hint={
            <>
              {course.format === "ipt_a"
                ? "The limited sick role: the young person still goes to school and takes part."
                : "Excused from some obligations for now, and expected to work at recovery."}{" "}
              <SourceTags tags={["S7", "S10a", "S20a"]} />
            </>
          }
          defaultChecked={course.sickRoleGiven}
        />
      </fieldset>
      <SubmitButton pending={updateTasks.isPending} pendingLabel="Saving…">
        Save initial tasks
      </SubmitButton>
    </form>
  );
}
