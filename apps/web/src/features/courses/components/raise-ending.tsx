import { endingIsEarly, phaseLabelFor, raiseEndingRequest, type CourseDetail } from "@ipt/shared";
import type { SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { SubmitButton, TextAreaField } from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadCourse } from "../api/get-course";
import { useRaiseEnding } from "../api/raise-ending";

/**
 * A reminder when the session where termination starts is the next one (or has passed), or the
 * one after; null while it is further away.
 */
export function endingReminder(
  course: Pick<CourseDetail, "nextSession" | "terminationStartNumber">,
): string | null {
  const next = course.nextSession?.number;
  const start = course.terminationStartNumber;
  if (next === undefined) return null;
  if (next > start)
    return `The ending is overdue: it was planned for session ${start}. Raise it at the next session.`;
  if (next === start) return `The ending is due: raise it at the next session, session ${start}.`;
  if (next === start - 1) return `The ending is near: raise it at session ${start}, the session after next.`;
  return null;
}

/** In the middle phase: raise the ending with the client, which moves the course into termination. */
export function RaiseEnding({ course }: { course: CourseDetail }) {
  const raiseEnding = useRaiseEnding();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const termination = phaseLabelFor("termination", course.lineage).toLowerCase();
  const reminder = endingReminder(course);
  const next = course.nextSession?.number;
  const early = next !== undefined && endingIsEarly(course.plannedSessions, next);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (raiseEnding.isPending) return;
    const data = new FormData(event.currentTarget);
    const parsed = raiseEndingRequest.safeParse({
      version: course.version,
      ...(early ? { earlyReason: formText(data, "earlyReason") } : {}),
    });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setErrors(noWriteErrors);
    raiseEnding.mutate(
      { courseId: course.id, body: parsed.data },
      { onError: (error) => setErrors(writeErrorsFromError(error, fieldNamesOf(raiseEndingRequest))) },
    );
  }

  return (
    <form ref={formRef} className="stack" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <p>
        {`The plan starts ${termination} at session ${course.terminationStartNumber} of ${course.plannedSessions}, `}
        {`${course.terminationLead} sessions before the end. Raise the ending explicitly with the client then. `}
        <SourceTags tags={["S4"]} />
      </p>
      {reminder ? <p className="notice notice--important">{reminder}</p> : null}
      {early ? (
        <TextAreaField
          name="earlyReason"
          label="Reason for ending early"
          hint={`The next session, session ${next}, is ${course.plannedSessions - next} sessions before the end: more than 4 sessions earlier than the plan.`}
          rows={2}
          maxLength={1000}
          required
          error={errors.fields.earlyReason}
        />
      ) : null}
      <SubmitButton pending={raiseEnding.isPending} pendingLabel="Raising the ending…">
        Raise the ending
      </SubmitButton>
    </form>
  );
}
