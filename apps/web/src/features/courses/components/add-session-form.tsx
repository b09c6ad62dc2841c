import { addSessionRequest, type CourseDetail } from "@ipt/shared";
import type { SubmitEvent } from "react";
import { SubmitButton, TextField } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { useServiceTimeZone } from "../../../lib/service-time-zone";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useAddSession } from "../api/add-session";
import { useReloadCourse } from "../api/get-course";

/**
 * Appends a session to the plan; without a date it comes on the contract's weekday one interval
 * after the last, at the time given (the contract's by default).
 */
export function AddSessionForm({
  course,
  onDone,
}: {
  course: CourseDetail;
  onDone: (message: string) => void;
}) {
  const addSession = useAddSession();
  const timeZone = useServiceTimeZone();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (addSession.isPending) return;
    const form = event.currentTarget;
    const parsed = addSessionRequest.safeParse({
      version: course.version,
      plannedDate: formText(new FormData(form), "plannedDate") || undefined,
      startTime: formText(new FormData(form), "startTime"),
    });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setErrors(noWriteErrors);
    addSession.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: (updated) => {
          form.reset();
          onDone(`A session has been added. The course now has ${updated.plannedSessions} sessions.`);
        },
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNamesOf(addSessionRequest))),
      },
    );
  }

  return (
    <form ref={formRef} className="form form--row" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <TextField
        name="plannedDate"
        type="date"
        label="Date (optional)"
        hint="Left empty, the session comes on the contract's weekday, one interval after the last one."
        error={errors.fields.plannedDate}
      />
      <TextField
        name="startTime"
        type="time"
        label="Time"
        hint={`In the service's time zone (${timeZone}).`}
        defaultValue={course.sessionTime}
        required
        error={errors.fields.startTime}
      />
      <SubmitButton pending={addSession.isPending} pendingLabel="Adding…">
        Add a session
      </SubmitButton>
    </form>
  );
}
