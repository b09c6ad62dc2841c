import { createClientRequest, createCourseRequest, type ClientDetail } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { CheckboxField, SubmitButton, TextAreaField, TextField } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useCreateClient } from "../api/create-client";
import { useStartCourse } from "../api/start-course";
import { yearFrom } from "./client-record";
import { CourseFormatFields, courseFormatMessages } from "./course-format-fields";

/** The client's fields, then the course's (it starts on the date its contract names). */
const fieldNames = [...fieldNamesOf(createClientRequest), ...fieldNamesOf(createCourseRequest, "startDate")];

/**
 * Step 1 of setting up a course: the client, then the course's format and manual lineage and the
 * initial tasks already done. Creates the client and then the course; if the course fails, a retry
 * does not create the client twice.
 */
export function NewClientForm({ onCreated }: { onCreated: (clientId: string, courseId: string) => void }) {
  const createClient = useCreateClient();
  const startCourse = useStartCourse();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [client, setClient] = useState<ClientDetail | null>(null);
  const pending = createClient.isPending || startCourse.isPending;

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    // Once the client exists its fields are locked (and not sent again).
    const clientFields = client
      ? null
      : createClientRequest.safeParse({
          displayName: formText(data, "displayName"),
          yearOfBirth: yearFrom(formText(data, "yearOfBirth")),
          referralReason: formText(data, "referralReason"),
          workingDiagnosis: formText(data, "workingDiagnosis"),
          email: formText(data, "email").trim() || null,
        });
    const courseFields = createCourseRequest.safeParse({
      format: formText(data, "format") || undefined,
      lineage: formText(data, "lineage") || undefined,
      diagnosisNamed: data.has("diagnosisNamed"),
      sickRoleGiven: data.has("sickRoleGiven"),
    });
    if (clientFields?.success === false || !courseFields.success) {
      const fields = {
        ...(clientFields?.success === false ? formErrorsFromZod(clientFields.error).fields : {}),
        ...(courseFields.success ? {} : formErrorsFromZod(courseFields.error).fields),
      };
      if (fields.format) fields.format = courseFormatMessages.format;
      if (fields.lineage) fields.lineage = courseFormatMessages.lineage;
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames) });
      return;
    }
    setErrors(noWriteErrors);
    try {
      const created = clientFields ? await createClient.mutateAsync(clientFields.data) : client;
      if (!created) return;
      setClient(created);
      const course = await startCourse.mutateAsync({ clientId: created.id, body: courseFields.data });
      onCreated(created.id, course.id);
    } catch (error) {
      setErrors(writeErrorsFromError(error, fieldNames));
    }
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <WriteErrorSummary errors={errors} />
      {client ? (
        <p className="notice">
          {client.displayName} has been added. The course could not be started yet: check the choices below
          and try again.
        </p>
      ) : null}
      <fieldset className="fieldset" disabled={client !== null}>
        <legend className="fieldset__legend fieldset__legend--large">Client</legend>
        <TextField
          name="displayName"
          label="Name or code"
          hint="Initials or a clinic code are enough; this is how the client appears in your caseload."
          autoComplete="off"
          maxLength={80}
          required
          error={errors.fields.displayName}
        />
        <TextField
          name="yearOfBirth"
          label="Year of birth (optional)"
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          fieldClassName="field--short"
          error={errors.fields.yearOfBirth}
        />
        <TextField
          name="email"
          label="Email address (optional)"
          hint="Only for sending the client their questionnaires. Supervisors never see it."
          type="email"
          autoComplete="off"
          maxLength={254}
          error={errors.fields.email}
        />
        <TextAreaField
          name="referralReason"
          label="Reason for referral"
          maxLength={2000}
          required
          error={errors.fields.referralReason}
        />
        <TextField
          name="workingDiagnosis"
          label="Working diagnosis (optional)"
          hint="For example: major depressive episode, moderate."
          autoComplete="off"
          maxLength={200}
          error={errors.fields.workingDiagnosis}
        />
      </fieldset>
      <CourseFormatFields errors={errors.fields} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Initial tasks already done</legend>
        <p className="field__hint">
          Tick what was done at the assessment; the rest can be ticked at the inventory step.{" "}
          <SourceTags tags={["S7", "S10a"]} />
        </p>
        <CheckboxField name="diagnosisNamed" label="Diagnosis named with the client" />
        <CheckboxField
          name="sickRoleGiven"
          label="Sick role given"
          hint="Excused from some obligations for now, and expected to work at recovery (IPT-A: the limited sick role)."
        />
      </fieldset>
      <SubmitButton pending={pending} pendingLabel="Creating…">
        {client ? "Start the course" : "Create client and start course"}
      </SubmitButton>
    </form>
  );
}
