import { formulationRequest, phaseGuidance, type CourseDetail } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { SubmitButton, TextAreaField, TextField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
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

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (setFormulation.isPending) return;
    const data = new FormData(event.currentTarget);
    const parsed = formulationRequest.safeParse({
      version: course.version,
      formulation: formText(data, "formulation"),
      agreedOn: formText(data, "agreedOn") || null,
    });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
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

/**
 * The formulation's two fields; `agreedOnName` renames the date where the form has another
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
    </>
  );
}
