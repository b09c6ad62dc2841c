import { confirmTotpRequest, type TotpEnrolmentResponse } from "@ipt/shared";
import { useRef, useState, type SubmitEvent } from "react";
import { CopyOnceField } from "../../../components/copy-once-field";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import {
  formErrorsFromError,
  formErrorsFromZod,
  noFormErrors,
  type FormErrors,
} from "../../../lib/form-errors";
import { useBeginTotp, useConfirmTotp } from "../api/factors";
import { QrCode } from "./qr-code";

const fieldNames = fieldNamesOf(confirmTotpRequest);

/** Ten recovery codes, shown once: listed, and all of them in one field to copy. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="notice notice--info">
      <h2>Save your recovery codes</h2>
      <p>
        Each code lets you sign in once if you lose your phone. Keep them somewhere safe, apart from your
        phone. They are shown only now.
      </p>
      <ol className="recovery-codes">
        {codes.map((code) => (
          <li key={code} className="input--mono">
            {code}
          </li>
        ))}
      </ol>
      <CopyOnceField label="All recovery codes" value={codes.join(" ")} what="codes" />
    </div>
  );
}

/** Setting up an authenticator app: start (QR code and key), confirm with a code, recovery codes. */
export function TotpEnrolment({ onDone }: { onDone: () => void }) {
  const begin = useBeginTotp();
  const confirm = useConfirmTotp();
  const [started, setStarted] = useState<TotpEnrolmentResponse | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);

  if (codes) {
    return (
      <div className="stack">
        <RecoveryCodes codes={codes} />
        <button type="button" className="button" onClick={onDone}>
          I have saved my recovery codes
        </button>
      </div>
    );
  }

  if (!started) {
    return (
      <div className="stack">
        <FormAlert message={begin.error ? "Setting up could not start. Try again." : null} />
        <button
          type="button"
          className="button"
          aria-disabled={begin.isPending || undefined}
          onClick={() => {
            if (!begin.isPending) begin.mutate(undefined, { onSuccess: setStarted });
          }}
        >
          {begin.isPending ? "Starting…" : "Set up an authenticator app"}
        </button>
      </div>
    );
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm.isPending) return;
    const parsed = confirmTotpRequest.safeParse({
      code: formText(new FormData(event.currentTarget), "code"),
    });
    if (!parsed.success) {
      setErrors(formErrorsFromZod(parsed.error));
      return;
    }
    setErrors(noFormErrors);
    try {
      const answer = await confirm.mutateAsync(parsed.data);
      setCodes(answer.recoveryCodes);
    } catch (error) {
      setErrors(formErrorsFromError(error, fieldNames));
    }
  }

  return (
    <div className="stack">
      <ol className="steps">
        <li>
          Open an authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator
          or FreeOTP) and add an account by scanning this code.
          <QrCode value={started.otpauthUri} label="QR code for your authenticator app" />
        </li>
        <li>
          Cannot scan it? Enter this key in the app instead (time-based, 6 digits).
          <CopyOnceField label="Key for your authenticator app" value={started.secret} what="key" />
        </li>
        <li>Enter the code the app now shows, to check it works.</li>
      </ol>
      <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
        <FormAlert message={errors.message} />
        <TextField
          name="code"
          label="Code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          error={errors.fields.code}
        />
        <SubmitButton pending={confirm.isPending} pendingLabel="Checking…">
          Confirm
        </SubmitButton>
      </form>
    </div>
  );
}
