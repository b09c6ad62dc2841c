import { loginRequest, type SessionResponse } from "@ipt/shared";
import { FormAlert, SubmitButton, TextField } from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { login } from "../api/login";
import { useSignInStep } from "./sign-in-step";

const fieldNames = fieldNamesOf(loginRequest);

/** The sign-in form. `onSignedIn` leaves the page, so the form stays busy after a success. */
export function LoginForm({ onSignedIn }: { onSignedIn: (session: SessionResponse) => void }) {
  const { formRef, errors, pending, handleSubmit } = useSignInStep({
    schema: loginRequest,
    read: (data) => ({ email: formText(data, "email"), password: formText(data, "password") }),
    send: login,
    secretField: "password",
    fieldNames,
    onDone: onSignedIn,
    stayBusy: true,
  });

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert message={errors.message} />
      <TextField
        name="email"
        type="email"
        label="Email address"
        autoComplete="username"
        spellCheck={false}
        autoCapitalize="none"
        required
        error={errors.fields.email}
      />
      <TextField
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        required
        error={errors.fields.password}
      />
      <SubmitButton pending={pending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
