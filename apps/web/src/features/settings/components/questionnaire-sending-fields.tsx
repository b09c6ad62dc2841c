// The "Automatic questionnaire sending" group of the settings form (shared questionnaires/settings.ts,
// docs/decisions/020): off by default; hours before each session of the measurement schedule; one
// reminder after some hours when the client has not completed the questionnaire.
import { questionnaireSendingSettings, type QuestionnaireSendingSettings } from "@ipt/shared";
import { CheckboxField, TextField } from "../../../components/form-fields";
import type { WriteErrors } from "../../../lib/write-errors";

export type QuestionnaireSendingKey = keyof QuestionnaireSendingSettings;
type HoursKey = "hoursBefore" | "reminderAfterHours";
/** The hour inputs hold text; a save sends whole numbers (the shared schema judges them). */
export type QuestionnaireSendingFormValues = Omit<QuestionnaireSendingSettings, HoursKey> &
  Record<HoursKey, string>;

/** The input's name, matching the API's field path `body.questionnaireSending.<key>`. */
export const questionnaireSendingFieldName = (key: QuestionnaireSendingKey) => `questionnaireSending.${key}`;
export const questionnaireSendingFieldNames = questionnaireSendingSettings
  .keyof()
  .options.map(questionnaireSendingFieldName);

export const toQuestionnaireSendingFormValues = (
  settings: QuestionnaireSendingSettings,
): QuestionnaireSendingFormValues => ({
  ...settings,
  hoursBefore: String(settings.hoursBefore),
  reminderAfterHours: String(settings.reminderAfterHours),
});

/** An empty number is missing (not 0); anything else is read as a number for the schema to judge. */
export function fromQuestionnaireSendingFormValues(values: QuestionnaireSendingFormValues) {
  const hours = (text: string) => (text.trim() === "" ? undefined : Number(text.trim()));
  return {
    ...values,
    hoursBefore: hours(values.hoursBefore),
    reminderAfterHours: hours(values.reminderAfterHours),
  };
}

export function QuestionnaireSendingFields({
  values,
  defaults,
  errors,
  onChange,
}: {
  values: QuestionnaireSendingFormValues;
  defaults: QuestionnaireSendingSettings;
  errors: WriteErrors;
  onChange: (values: QuestionnaireSendingFormValues) => void;
}) {
  const set = <K extends QuestionnaireSendingKey>(key: K, value: QuestionnaireSendingFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const hoursField = (key: HoursKey, label: string, hint: string) => {
    const schema = questionnaireSendingSettings.shape[key];
    return (
      <TextField
        name={questionnaireSendingFieldName(key)}
        label={label}
        hint={hint}
        type="number"
        inputMode="numeric"
        step={1}
        min={schema.minValue ?? undefined}
        max={schema.maxValue ?? undefined}
        required
        className="input input--number"
        value={values[key]}
        onChange={(event) => set(key, event.currentTarget.value)}
        error={errors.fields[questionnaireSendingFieldName(key)]}
      />
    );
  };
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend fieldset__legend--large">Automatic questionnaire sending</legend>
      <CheckboxField
        name={questionnaireSendingFieldName("automatic")}
        label="E-mail the questionnaires before each session of the measurement schedule"
        hint="Only to clients with an e-mail address on their record, and only when the service has set up e-mail. Default: off."
        checked={values.automatic}
        onChange={(event) => set("automatic", event.currentTarget.checked)}
      />
      {hoursField(
        "hoursBefore",
        "Send this many hours before the session",
        `Default: ${defaults.hoursBefore} hours.`,
      )}
      {hoursField(
        "reminderAfterHours",
        "Remind once after this many hours if not completed",
        `Default: ${defaults.reminderAfterHours} hours. The reminder carries a new link; the first one stops working.`,
      )}
    </fieldset>
  );
}
