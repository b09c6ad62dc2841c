import { secondFactorRequest, type SessionResponse } from "@ipt/shared";
import { useRef, useState, type SubmitEvent } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import {
  formErrorsFromError,
  formErrorsFromZod,
  noFormErrors,
  type FormErrors,
} from "../../../lib/form-errors";
import { passSecondFactor } from "../api/second-factor";

const fieldNames = fieldNamesOf(secondFactorRequest);

type Method = "totp" | "recovery_code";

/**
 * A code from the authenticator app, or one of the recovery codes (a link switches between them).
 * Used as the second sign-in step and as the step-up check. `onPassed` gets the new session.
 */
export function SecondFactorForm({
  onPassed,
  submitLabel = "Continue",
}: {
  onPassed: (session: SessionResponse) => void;
  submitLabel?: string;
}) {
  const [method, setMethod] = useState<Method>("totp");
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const parsed = secondFactorRequest.safeParse({ method, code: formText(new FormData(form), "code") });
    if (!parsed.success) {
      setErrors(formErrorsFromZod(parsed.error));
      return;
    }
    setErrors(noFormErrors);
    setPending(true);
    let session: SessionResponse;
    try {
      session = await passSecondFactor(parsed.data);
    } catch (error) {
      const code = form.elements.namedItem("code");
      if (code instanceof HTMLInputElement) code.value = "";
      setErrors(formErrorsFromError(error, fieldNames));
      setPending(false);
      return;
    }
    setPending(false);
    onPassed(session);
  }

  const totp = method === "totp";
  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert message={errors.message} />
      <TextField
        key={method}
        name="code"
        label={totp ? "Code from your authenticator app" : "Recovery code"}
        hint={
          totp
            ? "The 6-digit code the app shows now for IPT Session Planner."
            : "One of the ten codes you saved when you set up the app, e.g. abcd-efgh-jkmn-pqrs. Each works once."
        }
        inputMode={totp ? "numeric" : "text"}
        autoComplete="one-time-code"
        spellCheck={false}
        autoCapitalize="none"
        required
        error={errors.fields.code}
      />
      <SubmitButton pending={pending} pendingLabel="Checking…">
        {submitLabel}
      </SubmitButton>
      <p>
        <button
          type="button"
          className="button button--link"
          onClick={() => {
            setErrors(noFormErrors);
            setMethod(totp ? "recovery_code" : "totp");
          }}
        >
          {totp ? "Use a recovery code instead" : "Use the authenticator app instead"}
        </button>
      </p>
    </form>
  );
}
