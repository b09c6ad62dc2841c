import { updateClientRequest, type ClientDetail } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SubmitButton, TextAreaField, TextField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useUpdateClient } from "../api/update-client";
import { clientChanges } from "./client-record";

const fieldNames = fieldNamesOf(updateClientRequest);

/**
 * Edits the client's details, sending only what changed with the version the form was opened
 * with: if someone saved the client since, the server answers 409 and the form offers a reload
 * (a newer copy read in the background does not silently become the base of this edit).
 */
export function EditClientForm({
  client,
  onSaved,
  onReload,
}: {
  client: ClientDetail;
  onSaved?: (client: ClientDetail) => void;
  onReload: () => Promise<unknown>;
}) {
  const updateClient = useUpdateClient();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [base, setBase] = useState(client);
  const [status, setStatus] = useState<string | null>(null);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (updateClient.isPending) return;
    setStatus(null);
    const data = new FormData(event.currentTarget);
    const changes = clientChanges(base, {
      displayName: formText(data, "displayName"),
      yearOfBirth: formText(data, "yearOfBirth"),
      referralReason: formText(data, "referralReason"),
      workingDiagnosis: formText(data, "workingDiagnosis"),
      email: formText(data, "email"),
    });
    if (Object.keys(changes).length === 0) {
      setErrors(noWriteErrors);
      setStatus("Nothing to save: the details are as recorded.");
      return;
    }
    const parsed = updateClientRequest.safeParse({ version: base.version, ...changes });
    if (!parsed.success) {
      const { fields, message } = formErrorsFromZod(parsed.error);
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames), message });
      return;
    }
    setErrors(noWriteErrors);
    updateClient.mutate(
      { clientId: base.id, body: parsed.data },
      {
        onSuccess: (saved) => {
          setBase(saved);
          setStatus("Client details saved.");
          onSaved?.(saved);
        },
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={onReload} />
      <LiveStatus message={status} />
      <TextField
        name="displayName"
        label="Name or code"
        hint="Initials or a clinic code are enough; this is how the client appears in your caseload."
        defaultValue={base.displayName}
        autoComplete="off"
        maxLength={80}
        required
        error={errors.fields.displayName}
      />
      <TextField
        name="yearOfBirth"
        label="Year of birth (optional)"
        defaultValue={base.yearOfBirth ?? ""}
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
        defaultValue={base.email ?? ""}
        type="email"
        autoComplete="off"
        maxLength={254}
        error={errors.fields.email}
      />
      <TextAreaField
        name="referralReason"
        label="Reason for referral"
        defaultValue={base.referralReason}
        maxLength={2000}
        required
        error={errors.fields.referralReason}
      />
      <TextField
        name="workingDiagnosis"
        label="Working diagnosis (optional)"
        hint="For example: major depressive episode, moderate."
        defaultValue={base.workingDiagnosis}
        autoComplete="off"
        maxLength={200}
        error={errors.fields.workingDiagnosis}
      />
      <SubmitButton pending={updateClient.isPending} pendingLabel="Saving…">
        Save client details
      </SubmitButton>
    </form>
  );
}
