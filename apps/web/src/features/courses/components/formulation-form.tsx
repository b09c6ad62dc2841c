import {
  type CalendarDate,
  formulationRequest,
  type FormulationRequest,
  phaseGuidance,
  type CourseDetail,
} from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { SubmitButton, TextAreaField, TextField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { useServiceToday } from "../../../lib/service-today";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadCourse } from "../api/get-course";
import { useSetFormulation } from "../api/set-formulation";

const guidance = phaseGuidance.initial.tasks.find((task) => task.key === "initial.formulation");

/** The interpersonal formulation and the date the client agreed with it (empty while a draft). */
export function FormulationForm({ course }: { course: CourseDetail }) {
  const setFormulation = useSetFormulation();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);
  const today = useServiceToday();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (setFormulation.isPending) return;
    const parsed = parseFormulation(new FormData(event.currentTarget), course.version, today);
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, fields: parsed.fields });
      return;
    }
    setStatus(null);
    setErrors(noWriteErrors);
    setFormulation.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: (saved) =>
          setStatus(saved.formulationAgreedOn ? "Formulation saved." : "Formulation saved as a draft."),
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNamesOf(formulationRequest))),
      },
    );
  }

  return (
    <form ref={formRef} className="form form--wide" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <FormulationFields course={course} errors={errors.fields} />
      <SubmitButton pending={setFormulation.isPending} pendingLabel="Saving…">
        Save formulation
      </SubmitButton>
      <LiveStatus message={status} />
    </form>
  );
}

/** The name of the episode-onset field (the same in both forms that show FormulationFields). */
export const EPISODE_ONSET = "episodeOnsetOn";

/**
 * The formulation request from a form holding FormulationFields; an onset after the service's today
 * is refused here as the API would. An empty onset clears it.
 */
export function parseFormulation(
  data: FormData,
  version: number,
  today: CalendarDate,
  agreedOnName = "agreedOn",
): { success: true; data: FormulationRequest } | { success: false; fields: Record<string, string> } {
  const onset = formText(data, EPISODE_ONSET) || null;
  const parsed = formulationRequest.safeParse({
    version,
    formulation: formText(data, "formulation"),
    agreedOn: formText(data, agreedOnName) || null,
    episodeOnsetOn: onset,
  });
  const fields = parsed.success ? {} : formErrorsFromZod(parsed.error).fields;
  if (onset !== null && fields[EPISODE_ONSET] === undefined && onset > today) {
    fields[EPISODE_ONSET] = `The episode cannot begin in the future (today is ${today}).`;
  }
  return parsed.success && Object.keys(fields).length === 0
    ? { success: true, data: parsed.data }
    : { success: false, fields };
}

/**
 * The formulation's fields (with the episode's onset, which the timeline places events against); `agreedOnName` renames the date where the form has another
 * "agreed on" (the course set-up's formulation-and-contract form).
 */
export function FormulationFields({
  course,
  errors,
  agreedOnName = "agreedOn",
}: {
  course: CourseDetail;
  errors: Partial<Record<string, string>>;
  agreedOnName?: string;
}) {
  const today = useServiceToday();
  return (
    <>
      <TextAreaField
        name="formulation"
        label="Interpersonal formulation"
        hint={
          guidance ? (
            <>
              {guidance.text} <SourceTags tags={guidance.sources} />
            </>
          ) : undefined
        }
        defaultValue={course.formulation ?? ""}
        rows={6}
        maxLength={5000}
        required
        error={errors.formulation}
      />
      <TextField
        name={agreedOnName}
        type="date"
        label="Client agreed on (optional)"
        hint="Leave empty while the formulation is a draft."
        defaultValue={course.formulationAgreedOn ?? ""}
        fieldClassName="field--short"
        error={errors[agreedOnName]}
      />
      <TextField
        name={EPISODE_ONSET}
        type="date"
        label="Episode began on (optional)"
        hint="When the current episode began, as far as you and the client can tell. The measures tab places the inventory's life events against it."
        defaultValue={course.episodeOnsetOn ?? ""}
        max={today}
        fieldClassName="field--short"
        error={errors[EPISODE_ONSET]}
      />
    </>
  );
}
