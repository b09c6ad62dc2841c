import type { SubmitEvent, ReactNode, RefObject } from "react";
import type { z } from "zod";
import { SubmitButton } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { formErrorsFromZod, type FormErrors } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError, type WriteErrors } from "../../../lib/write-errors";
import { useReloadInventory } from "../api/get-inventory";

/**
 * The save errors of a form that adds or edits an inventory entry (a person or a life event), and
 * `save`: check the values with `schema`, then `send` them; what fails is shown at the fields.
 */
export function useEntryForm(clientId: string, fieldNames: readonly string[]) {
  const reload = useReloadInventory(clientId);
  const { formRef, errors, setErrors } = useWriteErrors();

  function save<S extends z.ZodType>(
    schema: S,
    values: unknown,
    send: (body: z.output<S>, onError: (error: unknown) => void) => void,
    explain: (invalid: FormErrors) => FormErrors = (invalid) => invalid,
  ): void {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...explain(formErrorsFromZod(parsed.error)) });
      return;
    }
    setErrors(noWriteErrors);
    send(parsed.data, (error) => setErrors(writeErrorsFromError(error, fieldNames)));
  }

  return { formRef, errors, reload, save };
}

/** The frame of an entry form: the error summary, the fields, save and (when editing) cancel. */
export function EntryForm({
  formRef,
  errors,
  onReload,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  formRef: RefObject<HTMLFormElement | null>;
  errors: WriteErrors;
  onReload: () => Promise<unknown>;
  pending: boolean;
  submitLabel: string;
  onSubmit: (event: SubmitEvent<HTMLFormElement>) => void;
  onCancel: (() => void) | undefined;
  children: ReactNode;
}) {
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <WriteErrorSummary errors={errors} onReload={onReload} />
      {children}
      <div className="button-row">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {submitLabel}
        </SubmitButton>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
