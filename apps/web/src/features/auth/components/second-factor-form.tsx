import { secondFactorRequest, type SessionResponse } from "@ipt/shared";
import { useState } from "react";
import { FormAlert, SubmitButton, TextField } from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { passSecondFactor } from "../api/second-factor";
import { useSignInStep } from "./sign-in-step";

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
  const { formRef, errors, pending, handleSubmit, clearErrors } = useSignInStep({
    schema: secondFactorRequest,
    read: (data) => ({ method, code: formText(data, "code") }),
    send: passSecondFactor,
    secretField: "code",
    fieldNames,
    onDone: onPassed,
  });

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
            clearErrors();
            setMethod(totp ? "recovery_code" : "totp");
          }}
        >
          {totp ? "Use a recovery code instead" : "Use the authenticator app instead"}
        </button>
      </p>
    </form>
  );
}
