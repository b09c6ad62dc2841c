import { loginRequest, type SessionResponse } from "@ipt/shared";
import { useRef, useState, type SubmitEvent } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "../../../components/form-fields";
import {
  formErrorsFromError,
  formErrorsFromZod,
  noFormErrors,
  type FormErrors,
} from "../../../lib/form-errors";
import { useLogin } from "../api/login";
import { formText } from "../../../lib/form-data";

const fieldNames = ["email", "password"] as const;

export function LoginForm({ onSignedIn }: { onSignedIn: (session: SessionResponse) => void }) {
  const login = useLogin();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
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
    login.mutate(parsed.data, {
      onSuccess: onSignedIn,
      onError: (error) => {
        const password = form.elements.namedItem("password");
        if (password instanceof HTMLInputElement) password.value = "";
        setErrors(formErrorsFromError(error, fieldNames));
      },
    });
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
      <SubmitButton pending={login.isPending} pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
