import { changePasswordRequest, PASSWORD_MIN_LENGTH, type SessionResponse } from "@ipt/shared";
import { useRef, useState, type SubmitEvent } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import {
  formErrorsFromError,
  formErrorsFromZod,
  noFormErrors,
  type FormErrors,
} from "../../../lib/form-errors";
import { useChangePassword } from "../api/change-password";
import { formText } from "../../../lib/form-data";

/** The request's fields, and the confirmation only the form asks for. */
const fieldNames = [...fieldNamesOf(changePasswordRequest), "confirmPassword"];

export function ChangePasswordForm({ onChanged }: { onChanged: (session: SessionResponse) => void }) {
  const changePassword = useChangePassword();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (changePassword.isPending) return;
    const data = new FormData(event.currentTarget);
    const values = {
      currentPassword: formText(data, "currentPassword"),
      newPassword: formText(data, "newPassword"),
    };
    const confirmPassword = formText(data, "confirmPassword");

    const parsed = changePasswordRequest.safeParse(values);
    const next = parsed.success ? { ...noFormErrors, fields: {} } : formErrorsFromZod(parsed.error);
    if (confirmPassword !== values.newPassword) {
      next.fields = { ...next.fields, confirmPassword: "Enter the same new password twice." };
    }
    if (!parsed.success || next.fields.confirmPassword) {
      setErrors(next);
      return;
    }
    setErrors(noFormErrors);
    changePassword.mutate(parsed.data, {
      onSuccess: onChanged,
      onError: (error) => setErrors(formErrorsFromError(error, fieldNames)),
    });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert message={errors.message} />
      <TextField
        name="currentPassword"
        type="password"
        label="Current password"
        hint="If an administrator gave you a temporary password, enter it here."
        autoComplete="current-password"
        required
        error={errors.fields.currentPassword}
      />
      <TextField
        name="newPassword"
        type="password"
        label="New password"
        hint={
          <>
            Use at least {PASSWORD_MIN_LENGTH} characters. A few unrelated words make a password that is
            strong and easy to remember. Do not reuse a password from another service.
          </>
        }
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        required
        error={errors.fields.newPassword}
      />
      <TextField
        name="confirmPassword"
        type="password"
        label="Confirm new password"
        autoComplete="new-password"
        required
        error={errors.fields.confirmPassword}
      />
      <SubmitButton pending={changePassword.isPending} pendingLabel="Changing password…">
        Change password
      </SubmitButton>
    </form>
  );
}
