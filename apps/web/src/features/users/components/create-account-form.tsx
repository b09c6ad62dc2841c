import { createUserRequest, type TemporaryPasswordResponse } from "@ipt/shared";
import { useEffect, useRef, useState, type SubmitEvent } from "react";
import {
  FormAlert,
  SelectField,
  SubmitButton,
  TextField,
  useFocusFirstError,
} from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import {
  formErrorsFromError,
  formErrorsFromZod,
  noFormErrors,
  type FormErrors,
} from "../../../lib/form-errors";
import { useCreateUser } from "../api/create-user";
import { RoleOptions } from "./role-options";
import { TemporaryPasswordNotice } from "./temporary-password-notice";
import { formText } from "../../../lib/form-data";

const fieldNames = fieldNamesOf(createUserRequest);

export function CreateAccountForm() {
  const createUser = useCreateUser();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [created, setCreated] = useState<TemporaryPasswordResponse | null>(null);
  // After the notice is dismissed, put focus back at the start of the (now empty) form.
  const [returnFocus, setReturnFocus] = useState(false);
  useFocusFirstError(formRef, errors);
  useEffect(() => {
    if (returnFocus && !created)
      formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, [returnFocus, created]);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createUser.isPending) return;
    const data = new FormData(event.currentTarget);
    const role = formText(data, "role");
    const parsed = createUserRequest.safeParse({
      name: formText(data, "name"),
      email: formText(data, "email"),
      role,
    });
    if (!parsed.success) {
      const next = formErrorsFromZod(parsed.error);
      if (!role) next.fields = { ...next.fields, role: "Choose a role." };
      setErrors(next);
      return;
    }
    setErrors(noFormErrors);
    createUser.mutate(parsed.data, {
      onSuccess: (result) => setCreated(result),
      onError: (error) => setErrors(formErrorsFromError(error, fieldNames)),
    });
  }

  if (created) {
    return (
      <TemporaryPasswordNotice
        result={created}
        reason="created"
        headingLevel={3}
        onDone={() => {
          setCreated(null);
          setReturnFocus(true);
        }}
      />
    );
  }

  return (
    <form ref={formRef} className="form form--inline" noValidate onSubmit={handleSubmit}>
      <FormAlert message={errors.message} />
      <TextField
        name="name"
        label="Full name"
        autoComplete="off"
        maxLength={120}
        required
        error={errors.fields.name}
      />
      <TextField
        name="email"
        type="email"
        label="Email address"
        hint="They sign in with this address."
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="none"
        required
        error={errors.fields.email}
      />
      <SelectField name="role" label="Role" defaultValue="" required error={errors.fields.role}>
        <option value="" disabled>
          Choose a role
        </option>
        <RoleOptions />
      </SelectField>
      <SubmitButton pending={createUser.isPending} pendingLabel="Creating account…">
        Create account
      </SubmitButton>
    </form>
  );
}
