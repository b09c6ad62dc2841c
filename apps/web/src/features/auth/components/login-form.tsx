import { loginRequest, type SessionResponse } from "@ipt/shared";
import { useRef, useState, type SubmitEvent } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import {
  formErrorsFromError,
  formErrorsFromZod,
  noFormErrors,
  type FormErrors,
} from "../../../lib/form-errors";
import { login } from "../api/login";
import { formText } from "../../../lib/form-data";

const fieldNames = fieldNamesOf(loginRequest);

/** The sign-in form. `onSignedIn` leaves the page, so the form stays busy after a success. */
export function LoginForm({ onSignedIn }: { onSignedIn: (session: SessionResponse) => void }) {
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = loginRequest.safeParse({
      email: formText(data, "email"),
      password: formText(data, "password"),
    });
    if (!parsed.success) {
      setErrors(formErrorsFromZod(parsed.error));
      return;
    }
    setErrors(noFormErrors);
    setPending(true);
    let session: SessionResponse;
    try {
      session = await login(parsed.data);
    } catch (error) {
      const password = form.elements.namedItem("password");
      if (password instanceof HTMLInputElement) password.value = "";
      setErrors(formErrorsFromError(error, fieldNames));
      setPending(false);
      return;
    }
    onSignedIn(session);
  }

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
