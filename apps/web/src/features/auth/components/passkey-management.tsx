import { passkeyName, type PasskeySummary } from "@ipt/shared";
import { useRef, useState, type SubmitEvent } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "../../../components/form-fields";
import { isApiError } from "../../../lib/api-client";
import { formText } from "../../../lib/form-data";
import { noFormErrors, type FormErrors } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { useRegisterPasskey, useRemovePasskey } from "../api/factors";
import { passkeyProblem } from "../api/passkeys";
import { RecoveryCodes } from "./totp-enrolment";

function problemOf(error: unknown): string {
  return (
    passkeyProblem(error) ??
    (isApiError(error) ? error.message : "The passkey could not be added. Try again.")
  );
}

/**
 * The user's passkeys: each with when it was added and last used, and its removal (step-up); a form
 * that creates one on this device. The account's first factor comes with recovery codes, shown once;
 * `onCodesSaved` runs when the person says they saved them.
 */
export function PasskeyManagement({
  passkeys,
  onCodesSaved,
}: {
  passkeys: PasskeySummary[];
  onCodesSaved: () => void;
}) {
  const register = useRegisterPasskey();
  const remove = useRemovePasskey();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  useFocusFirstError(formRef, errors);

  if (codes) {
    return (
      <div className="stack">
        <p role="status">Your passkey “{added}” is added.</p>
        <RecoveryCodes codes={codes} />
        <button
          type="button"
          className="button"
          onClick={() => {
            setCodes(null);
            onCodesSaved();
          }}
        >
          I have saved my recovery codes
        </button>
      </div>
    );
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (register.isPending) return;
    const form = event.currentTarget;
    const parsed = passkeyName.safeParse(formText(new FormData(form), "name"));
    if (!parsed.success) {
      setErrors({ message: null, fields: { name: parsed.error.issues[0]?.message ?? "Name this passkey." } });
      return;
    }
    setErrors(noFormErrors);
    try {
      const answer = await register.mutateAsync(parsed.data);
      form.reset();
      setAdded(answer.passkey.name);
      if (answer.recoveryCodes) setCodes(answer.recoveryCodes);
      else onCodesSaved();
    } catch (error) {
      setErrors({ message: problemOf(error), fields: {} });
    }
  }

  return (
    <div className="stack">
      {passkeys.length === 0 ? (
        <p>
          No passkey yet. A passkey lets you sign in with this device’s fingerprint, face or PIN instead of
          your password and a code.
        </p>
      ) : (
        <ul className="passkey-list stack">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="action-block">
              <p>
                <strong>{passkey.name}</strong> — added {formatDateTime(passkey.createdAt)}; last used{" "}
                {passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt) : "never"}
                {passkey.backedUp ? " (synced to your other devices)" : ""}.
              </p>
              <button
                type="button"
                className="button button--danger"
                aria-disabled={remove.isPending || undefined}
                onClick={() => {
                  if (!remove.isPending) remove.mutate(passkey.id);
                }}
              >
                Remove the passkey “{passkey.name}”
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormAlert message={remove.error ? remove.error.message : null} />
      {added ? <p role="status">Your passkey “{added}” is added.</p> : null}
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <FormAlert message={errors.message} />
        <TextField
          name="name"
          label="Name for a new passkey"
          hint="So you can tell your passkeys apart, e.g. “Work laptop”."
          maxLength={60}
          required
          error={errors.fields.name}
        />
        <SubmitButton pending={register.isPending} pendingLabel="Waiting for your device…">
          Add a passkey
        </SubmitButton>
      </form>
    </div>
  );
}
