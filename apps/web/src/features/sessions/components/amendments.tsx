import { amendmentRequest, type SessionDetail } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SubmitButton, TextAreaField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useAddAmendment } from "../api/add-amendment";
import { useReloadSession } from "../api/get-session";

/** Adds an amendment; the signed record itself never changes. */
export function AmendmentForm({ session }: { session: SessionDetail }) {
  const addAmendment = useAddAmendment();
  const reload = useReloadSession(session.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (addAmendment.isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = amendmentRequest.safeParse({
      reason: formText(data, "reason"),
      text: formText(data, "text"),
    });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setStatus(null);
    setErrors(noWriteErrors);
    addAmendment.mutate(
      { sessionId: session.id, body: parsed.data },
      {
        onSuccess: () => {
          form.reset();
          setStatus("Amendment added.");
        },
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNamesOf(amendmentRequest))),
      },
    );
  }

  return (
    <form ref={formRef} className="form form--wide" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <TextAreaField
        name="reason"
        label="Reason for the amendment"
        rows={2}
        maxLength={1000}
        required
        error={errors.fields.reason}
      />
      <TextAreaField
        name="text"
        label="Amendment"
        rows={4}
        maxLength={20000}
        required
        error={errors.fields.text}
      />
      <SubmitButton pending={addAmendment.isPending} pendingLabel="Adding…">
        Add amendment
      </SubmitButton>
      <LiveStatus message={status} />
    </form>
  );
}
