import { roleLabels, roles, updateSignInSettingsRequest, type SignInSettingsResponse } from "@ipt/shared";
import { useRef, useState, type SubmitEvent } from "react";
import {
  ChoiceGroup,
  FormAlert,
  SubmitButton,
  TextField,
  useFocusFirstError,
} from "../../../components/form-fields";
import { SuccessMessage } from "../../../components/states";
import { formText } from "../../../lib/form-data";
import {
  formErrorsFromError,
  formErrorsFromZod,
  noFormErrors,
  type FormErrors,
} from "../../../lib/form-errors";
import { useUpdateSignInSettings } from "../api/sign-in-settings";

// As the request names them (body.settings.<field> on the server's side).
const fieldNames = ["settings.mfaRequiredRoles", "settings.stepUpMinutes"] as const;

/** Which roles must have a second factor, and how long a check counts for step-up (docs/decisions/021). */
export function SignInSettingsForm({ current }: { current: SignInSettingsResponse }) {
  const save = useUpdateSignInSettings();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [saved, setSaved] = useState(false);
  useFocusFirstError(formRef, errors);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const data = new FormData(event.currentTarget);
    const minutes = formText(data, "stepUpMinutes");
    const parsed = updateSignInSettingsRequest.safeParse({
      version: current.version,
      settings: {
        mfaRequiredRoles: data.getAll("mfaRequiredRoles").map(String),
        stepUpMinutes: minutes === "" ? Number.NaN : Number(minutes),
      },
    });
    setSaved(false);
    if (!parsed.success) {
      setErrors(formErrorsFromZod(parsed.error));
      return;
    }
    setErrors(noFormErrors);
    try {
      await save.mutateAsync(parsed.data);
      setSaved(true);
    } catch (error) {
      setErrors(formErrorsFromError(error, fieldNames));
    }
  }

  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby="sign-in-settings"
    >
      <h2 id="sign-in-settings">Sign-in</h2>
      {saved ? <SuccessMessage>The sign-in settings have been saved.</SuccessMessage> : null}
      <FormAlert message={errors.message} />
      <ChoiceGroup
        type="checkbox"
        name="mfaRequiredRoles"
        legend="Roles that must use a second factor"
        hint="A person in a ticked role without an authenticator app is asked to set one up at their next sign-in. Recommended: every role."
        options={roles.map((role) => ({ value: role, label: roleLabels[role] }))}
        defaultSelected={current.settings.mfaRequiredRoles}
        error={errors.fields["settings.mfaRequiredRoles"]}
      />
      <TextField
        name="stepUpMinutes"
        type="number"
        inputMode="numeric"
        min={1}
        max={720}
        label="Ask for the second factor again after (minutes)"
        hint="Before changing a password or sign-in factors, creating or assigning a supervisor, or resetting someone's password or factors."
        defaultValue={current.settings.stepUpMinutes}
        error={errors.fields["settings.stepUpMinutes"]}
      />
      <SubmitButton pending={save.isPending} pendingLabel="Saving…">
        Save sign-in settings
      </SubmitButton>
    </form>
  );
}
