import { updateClientRequest } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SubmitButton, TextField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useUpdateClient } from "../api/update-client";

/** The client's working diagnosis, which must be recorded before it can be named with them. */
export function WorkingDiagnosisForm({
  client,
  onSaved,
  onReload,
}: {
  client: { id: string; version: number; workingDiagnosis: string };
  onSaved: () => void;
  onReload: () => Promise<unknown>;
}) {
  const updateClient = useUpdateClient();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (updateClient.isPending) return;
    const workingDiagnosis = formText(new FormData(event.currentTarget), "workingDiagnosis");
    const parsed = updateClientRequest.safeParse({ version: client.version, workingDiagnosis });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setStatus(null);
    setErrors(noWriteErrors);
    updateClient.mutate(
      { clientId: client.id, body: parsed.data },
      {
        onSuccess: () => {
          setStatus("Working diagnosis saved.");
          onSaved();
        },
        onError: (error) =>
          setErrors(writeErrorsFromError(error, [updateClientRequest.keyof().enum.workingDiagnosis])),
      },
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={onReload} />
      <LiveStatus message={status} />
      <TextField
        name="workingDiagnosis"
        label="Working diagnosis"
        hint="For example: major depressive episode, moderate."
        defaultValue={client.workingDiagnosis}
        autoComplete="off"
        maxLength={200}
        error={errors.fields.workingDiagnosis}
      />
      <SubmitButton pending={updateClient.isPending} pendingLabel="Saving…">
        Save working diagnosis
      </SubmitButton>
    </form>
  );
}
