// The "Client questionnaires" group of the settings form (shared questionnaires/settings.ts): the
// service name the client sees, how long a link works, the year-of-birth check and the crisis text.
import { questionnaireSettings, type QuestionnaireSettings } from "@ipt/shared";
import { CheckboxField, TextAreaField, TextField } from "../../../components/form-fields";
import type { WriteErrors } from "../../../lib/write-errors";

export type QuestionnaireKey = keyof QuestionnaireSettings;
/** The lifetime's input holds text; a save sends a whole number (the shared schema judges it). */
export type QuestionnaireFormValues = Omit<QuestionnaireSettings, "linkLifetimeHours"> & {
  linkLifetimeHours: string;
};

/** The input's name, matching the API's field path `body.questionnaires.<key>`. */
export const questionnaireFieldName = (key: QuestionnaireKey) => `questionnaires.${key}`;
export const questionnaireFieldNames = questionnaireSettings.keyof().options.map(questionnaireFieldName);

export const toQuestionnaireFormValues = (settings: QuestionnaireSettings): QuestionnaireFormValues => ({
  ...settings,
  linkLifetimeHours: String(settings.linkLifetimeHours),
});

/** An empty lifetime is missing (not 0); anything else is read as a number for the schema to judge. */
export function fromQuestionnaireFormValues(values: QuestionnaireFormValues) {
  const hours = values.linkLifetimeHours.trim();
  return { ...values, linkLifetimeHours: hours === "" ? undefined : Number(hours) };
}

export function QuestionnaireFields({
  values,
  defaults,
  errors,
  onChange,
}: {
  values: QuestionnaireFormValues;
  defaults: QuestionnaireSettings;
  errors: WriteErrors;
  onChange: (values: QuestionnaireFormValues) => void;
}) {
  const set = <K extends QuestionnaireKey>(key: K, value: QuestionnaireFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const lifetime = questionnaireSettings.shape.linkLifetimeHours;
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend fieldset__legend--large">Client questionnaires</legend>
      <TextField
        name={questionnaireFieldName("serviceName")}
        label="Service name shown to clients"
        hint={`Clients see this at the top of their questionnaire, never a therapist's or client's name. Default: ${defaults.serviceName}.`}
        required
        value={values.serviceName}
        onChange={(event) => set("serviceName", event.currentTarget.value)}
        error={errors.fields[questionnaireFieldName("serviceName")]}
      />
      <TextField
        name={questionnaireFieldName("linkLifetimeHours")}
        label="A questionnaire link works for (hours)"
        hint={`Default: ${defaults.linkLifetimeHours} hours.`}
        type="number"
        inputMode="numeric"
        step={1}
        min={lifetime.minValue ?? undefined}
        max={lifetime.maxValue ?? undefined}
        required
        className="input input--number"
        value={values.linkLifetimeHours}
        onChange={(event) => set("linkLifetimeHours", event.currentTarget.value)}
        error={errors.fields[questionnaireFieldName("linkLifetimeHours")]}
      />
      <CheckboxField
        name={questionnaireFieldName("identityCheck")}
        label="Clients confirm their year of birth before the questions"
        hint="Five wrong answers close the link. Links can then be sent only to clients whose record has a year of birth. Default: off."
        checked={values.identityCheck}
        onChange={(event) => set("identityCheck", event.currentTarget.checked)}
      />
      <TextAreaField
        name={questionnaireFieldName("crisisText")}
        label="What a client at risk is told"
        hint="Shown instead of the thank-you page when a client answers PHQ-9 question 9 above “Not at all”. Name your emergency and crisis contacts, and say that answers are not watched around the clock."
        required
        rows={6}
        value={values.crisisText}
        onChange={(event) => set("crisisText", event.currentTarget.value)}
        error={errors.fields[questionnaireFieldName("crisisText")]}
      />
    </fieldset>
  );
}
