import { completeCourseRequest, courseOutcomes, type CourseDetail } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { courseOutcomeLabels } from "../../../components/clinical/labels";
import { ChoiceGroup, SubmitButton, TextAreaField, TextField } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { useServiceToday } from "../../../lib/service-today";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useCompleteCourse } from "../api/complete-course";
import { useReloadCourse } from "../api/get-course";

const fieldNames = fieldNamesOf(completeCourseRequest);

const outcomeOptions = courseOutcomes.map((outcome) => ({
  value: outcome,
  label: courseOutcomeLabels[outcome],
  hint:
    outcome === "completed"
      ? "The course ran to its planned end."
      : "The course ended early, for example because the client stopped attending.",
}));

/** Ends the course. The server refuses (and lists why) while something the ending needs is missing. */
export function CompleteCourseForm({ course }: { course: CourseDetail }) {
  const completeCourse = useCompleteCourse();
  const today = useServiceToday();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [outcome, setOutcome] = useState<string>("");

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (completeCourse.isPending) return;
    const data = new FormData(event.currentTarget);
    const reason = formText(data, "reason").trim();
    const parsed = completeCourseRequest.safeParse({
      version: course.version,
      outcome: outcome || undefined,
      reason: reason || undefined,
      endedOn: formText(data, "endedOn"),
    });
    const fields = parsed.success ? {} : formErrorsFromZod(parsed.error).fields;
    if (!outcome) fields.outcome = "Choose how the course ended.";
    if (outcome === "discontinued" && !reason) fields.reason = "Give the reason the course was discontinued.";
    if (!parsed.success || Object.keys(fields).length > 0) {
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames) });
      return;
    }
    setErrors(noWriteErrors);
    completeCourse.mutate(
      { courseId: course.id, body: parsed.data },
      { onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)) },
    );
  }

  return (
    <form ref={formRef} className="form form--wide" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <ChoiceGroup
        type="radio"
        name="outcome"
        legend="Outcome"
        options={outcomeOptions}
        selected={outcome ? [outcome] : []}
        onToggle={setOutcome}
        error={errors.fields.outcome}
      />
      <TextAreaField
        name="reason"
        label="Reason"
        hint="Required when the course was discontinued."
        rows={2}
        maxLength={1000}
        error={errors.fields.reason}
      />
      <TextField
        name="endedOn"
        type="date"
        label="End date"
        defaultValue={today}
        required
        fieldClassName="field--short"
        error={errors.fields.endedOn}
      />
      <SubmitButton pending={completeCourse.isPending} pendingLabel="Completing…">
        Complete the course
      </SubmitButton>
    </form>
  );
}
