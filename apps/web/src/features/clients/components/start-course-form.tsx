import { createCourseRequest, type CourseDetail } from "@ipt/shared";
import type { SubmitEvent } from "react";
import { SubmitButton } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useStartCourse } from "../api/start-course";
import type { NewCourseOffer } from "./client-record";
import { CourseFormatFields, courseFormatMessages } from "./course-format-fields";

/** It starts on the date its contract names. */
const fieldNames = fieldNamesOf(createCourseRequest, "startDate");

/**
 * Opens another course for an existing client: the format and manual lineage, as in set-up step 1.
 * If a course was opened elsewhere meanwhile, the server answers 409 and the form offers a reload.
 */
export function StartCourseForm({
  clientId,
  offer,
  onStarted,
  onReload,
}: {
  clientId: string;
  offer: NewCourseOffer;
  onStarted: (course: CourseDetail) => void;
  onReload: () => Promise<unknown>;
}) {
  const startCourse = useStartCourse();
  const { formRef, errors, setErrors } = useWriteErrors();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (startCourse.isPending) return;
    const data = new FormData(event.currentTarget);
    const parsed = createCourseRequest.safeParse({
      format: formText(data, "format") || undefined,
      lineage: formText(data, "lineage") || undefined,
    });
    if (!parsed.success) {
      const fields = formErrorsFromZod(parsed.error).fields;
      if (fields.format) fields.format = courseFormatMessages.format;
      if (fields.lineage) fields.lineage = courseFormatMessages.lineage;
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames) });
      return;
    }
    setErrors(noWriteErrors);
    startCourse.mutate(
      { clientId, body: parsed.data },
      { onSuccess: onStarted, onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)) },
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={onReload} />
      <CourseFormatFields errors={errors.fields} defaultFormat={offer.defaultFormat} />
      <SubmitButton pending={startCourse.isPending} pendingLabel="Starting the course…">
        Start a new course
      </SubmitButton>
    </form>
  );
}
