import { updateUserRequest, type AdminUser, type UpdateUserRequest } from "@ipt/shared";
import { useRef, useState, type SubmitEvent } from "react";
import {
  FormAlert,
  SelectField,
  SubmitButton,
  TextField,
  useFocusFirstError,
} from "../../../components/form-fields";
import { SuccessMessage } from "../../../components/states";
import { fieldNamesOf } from "../../../lib/field-names";
import {
  formErrorsFromError,
  formErrorsFromZod,
  noFormErrors,
  type FormErrors,
} from "../../../lib/form-errors";
import { useUpdateUser } from "../api/update-user";
import { RoleOptions } from "./role-options";
import { formText } from "../../../lib/form-data";

const fieldNames = fieldNamesOf(updateUserRequest);

/** Edits name and role; sends only what changed. */
export function EditAccountForm({ user }: { user: AdminUser }) {
  const updateUser = useUpdateUser();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  useFocusFirstError(formRef, errors);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (updateUser.isPending) return;
    setSaved(false);
    const data = new FormData(event.currentTarget);
    const name = formText(data, "name");
    const role = formText(data, "role");
    const changes: Record<string, string> = {};
    if (name.trim() !== user.name) changes.name = name;
    if (role !== user.role) changes.role = role;

    const parsed = updateUserRequest.safeParse(changes);
    if (!parsed.success) {
      setErrors(formErrorsFromZod(parsed.error));
      return;
    }
    setErrors(noFormErrors);
    const body: UpdateUserRequest = parsed.data;
    updateUser.mutate(
      { userId: user.id, body },
      {
        onSuccess: () => setSaved(true),
        onError: (error) => setErrors(formErrorsFromError(error, fieldNames)),
      },
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <FormAlert message={errors.message} />
      {saved ? <SuccessMessage>Changes saved.</SuccessMessage> : null}
      <TextField
        name="name"
        label="Full name"
        defaultValue={user.name}
        autoComplete="off"
        maxLength={120}
        required
        error={errors.fields.name}
      />
      <SelectField
        name="role"
        label="Role"
        hint="The role decides what this person can see and do."
        defaultValue={user.role}
        error={errors.fields.role}
      >
        <RoleOptions />
      </SelectField>
      <SubmitButton pending={updateUser.isPending} pendingLabel="Saving…">
        Save changes
      </SubmitButton>
    </form>
  );
}
