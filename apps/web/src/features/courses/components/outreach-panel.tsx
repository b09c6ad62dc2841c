// Outreach attempts on a course with recent risk: what closing the course needs first, the attempts
// made, and a form to record one (when, how, outcome). The API keeps the rule; this page says it.
import {
  outreachAttemptRequest,
  outreachMethodLabels,
  outreachMethods,
  outreachOutcomeLabels,
  outreachOutcomes,
  type CourseDetail,
} from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { SelectField, SubmitButton, TextAreaField, TextField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { localInputToIso, toLocalInput } from "../../../lib/local-datetime";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadCourse } from "../api/get-course";
import { useRecordOutreach } from "../api/record-outreach";

const fieldNames = fieldNamesOf(outreachAttemptRequest);

function whatIsNeeded(course: CourseDetail): string | null {
  const { outreach } = course;
  if (outreach.neededToClose) {
    return `The last two sessions were missed while a risk flag is open or recent: record an outreach attempt made on or after ${outreach.since ?? "the flag"} before the course can close.`;
  }
  if (outreach.neededToDiscontinue) {
    return `A risk flag is open or was raised in the last 4 weeks: record an outreach attempt made on or after ${outreach.since ?? "the flag"} before the course can be discontinued.`;
  }
  return null;
}

export function OutreachPanel({ course }: { course: CourseDetail }) {
  const { outreach } = course;
  const recordOutreach = useRecordOutreach();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const needed = whatIsNeeded(course);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (recordOutreach.isPending) return;
    setStatus(null);
    const data = new FormData(event.currentTarget);
    const attemptedAt = localInputToIso(formText(data, "attemptedAt"));
    const parsed = outreachAttemptRequest.safeParse({
      attemptedAt: attemptedAt ?? "",
      method: formText(data, "method") || undefined,
      outcome: formText(data, "outcome") || undefined,
      note: formText(data, "note"),
    });
    if (!parsed.success) {
      const fields = formErrorsFromZod(parsed.error).fields;
      if (attemptedAt === null) fields.attemptedAt = "Give the date and time of the attempt.";
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames) });
      return;
    }
    setErrors(noWriteErrors);
    recordOutreach.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: () => {
          setStatus("Outreach attempt recorded.");
          setFormKey((key) => key + 1);
        },
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  return (
    <section className="section section--flat" aria-labelledby="outreach-heading">
      <h3 id="outreach-heading" className="section__subtitle">
        Outreach attempts
      </h3>
      {needed ? <p className="notice notice--error">{needed}</p> : null}
      <p className="muted">
        {outreach.synthesisNote} <SourceTags tags={outreach.sources} />
      </p>
      {outreach.attempts.length === 0 ? (
        <p className="muted">No outreach attempts recorded.</p>
      ) : (
        <ol className="history">
          {outreach.attempts.map((attempt) => (
            <li key={attempt.id} className="history__item">
              <p className="history__when">
                <time dateTime={attempt.attemptedAt}>{formatDateTime(attempt.attemptedAt)}</time>,{" "}
                {outreachMethodLabels[attempt.method]}: {outreachOutcomeLabels[attempt.outcome]}
              </p>
              {attempt.note ? <p className="prewrap">{attempt.note}</p> : null}
              <p className="muted">Recorded by {attempt.recordedBy.name}</p>
            </li>
          ))}
        </ol>
      )}
      <LiveStatus message={status} />
      <form key={formKey} ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
        <WriteErrorSummary errors={errors} onReload={reload} />
        <TextField
          name="attemptedAt"
          label="When"
          type="datetime-local"
          fieldClassName="field--short"
          defaultValue={toLocalInput(new Date())}
          max={toLocalInput(new Date())}
          error={errors.fields.attemptedAt}
        />
        <SelectField
          name="method"
          label="How the client was contacted"
          defaultValue=""
          error={errors.fields.method}
        >
          <option value="">Choose…</option>
          {outreachMethods.map((method) => (
            <option key={method} value={method}>
              {outreachMethodLabels[method]}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="outcome"
          label="Outcome of the attempt"
          defaultValue=""
          error={errors.fields.outcome}
        >
          <option value="">Choose…</option>
          {outreachOutcomes.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outreachOutcomeLabels[outcome]}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          name="note"
          label="Note (optional)"
          rows={2}
          maxLength={2000}
          error={errors.fields.note}
        />
        <SubmitButton pending={recordOutreach.isPending} pendingLabel="Recording…">
          Record outreach attempt
        </SubmitButton>
      </form>
    </section>
  );
}
