import {
  measurementSettingFields,
  supervisionSettingFields,
  type MeasurementSettingsResponse,
  type ServiceSettings,
  type SupervisionSettings,
} from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import {
  CheckboxField,
  FieldErrorMessage,
  SelectField,
  SubmitButton,
  TextField,
} from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { noWriteErrors, type WriteErrors } from "../../../lib/write-errors";
import { useReloadMeasurementSettings, useUpdateMeasurementSettings } from "../api/measurement-settings";
import { SafetyFields, toSafetyFormValues, type SafetyFormValues, type SafetyKey } from "./safety-fields";
import {
  QuestionnaireFields,
  toQuestionnaireFormValues,
  type QuestionnaireFormValues,
} from "./questionnaire-fields";
import {
  QuestionnaireSendingFields,
  toQuestionnaireSendingFormValues,
  type QuestionnaireSendingFormValues,
} from "./questionnaire-sending-fields";
import {
  defaultText,
  fieldLabel,
  fieldName,
  fieldRange,
  parseSettingsForm,
  restoreDefaults,
  settingsWriteErrors,
  supervisionDefaultText,
  supervisionFieldName,
  timeZoneFieldName,
  timeZoneOptions,
  toFormValues,
  type SettingKey,
  type SettingsFormValues,
  type SupervisionKey,
} from "./settings-form-state";

/** The "Service" group: the time zone every clinical "today" and every session time is in. */
export function ServiceFields({
  values,
  defaults,
  errors,
  onChange,
}: {
  values: ServiceSettings;
  defaults: ServiceSettings;
  errors: WriteErrors;
  onChange: (timeZone: string) => void;
}) {
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend fieldset__legend--large">Service</legend>
      <SelectField
        name={timeZoneFieldName}
        label="Time zone of the service"
        hint={`Which day "today" is for due dates, the checks that a date is not in the future and the default dates in forms, and the zone session times are in, wherever a user's device is. Default: ${defaults.timeZone}.`}
        value={values.timeZone}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={errors.fields[timeZoneFieldName]}
      >
        {timeZoneOptions(values.timeZone).map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}

/** The inputs, one per setting, each with its help, default and sources. Split out for tests. */
export function SettingsFields({
  values,
  defaults,
  errors,
  onChange,
}: {
  values: SettingsFormValues;
  defaults: MeasurementSettingsResponse["defaults"];
  errors: WriteErrors;
  onChange: (key: SettingKey, value: string) => void;
}) {
  return (
    <>
      {measurementSettingFields.map((field) => {
        const { min, max } = fieldRange(field.key);
        return (
          <TextField
            key={field.key}
            name={fieldName(field.key)}
            label={fieldLabel(field)}
            hint={
              <>
                {field.help} {defaultText(field, defaults)} <SourceTags tags={field.sources} />
              </>
            }
            type="number"
            inputMode="numeric"
            step={1}
            min={min}
            max={max}
            required
            className="input input--number"
            value={values[field.key]}
            onChange={(event) => onChange(field.key, event.currentTarget.value)}
            error={errors.fields[fieldName(field.key)]}
          />
        );
      })}
    </>
  );
}

/** The "Supervision" group: one checkbox per setting, each with its help, default and sources. */
export function SupervisionFields({
  values,
  defaults,
  errors,
  onChange,
}: {
  values: SupervisionSettings;
  defaults: SupervisionSettings;
  errors: WriteErrors;
  onChange: (key: SupervisionKey, checked: boolean) => void;
}) {
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend fieldset__legend--large">Supervision</legend>
      <div className="choices">
        {supervisionSettingFields.map((field) => {
          const name = supervisionFieldName(field.key);
          const error = errors.fields[name];
          return (
            <CheckboxField
              key={field.key}
              name={name}
              label={field.label}
              hint={
                <>
                  {field.help} {supervisionDefaultText(field.key, defaults)}{" "}
                  <SourceTags tags={field.sources} />
                  <FieldErrorMessage id={undefined} error={error} />
                </>
              }
              checked={values[field.key]}
              aria-invalid={error ? true : undefined}
              onChange={(event) => onChange(field.key, event.currentTarget.checked)}
            />
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * The organisation's time zone, measurement thresholds, supervision rules and safety escalation. "Restore defaults" fills in the
 * documented defaults, which still need saving; a save made elsewhere since this was read is refused
 * (reload first).
 */
export function MeasurementSettingsForm({ current }: { current: MeasurementSettingsResponse }) {
  const update = useUpdateMeasurementSettings();
  const reload = useReloadMeasurementSettings();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [values, setValues] = useState<SettingsFormValues>(() => toFormValues(current.settings));
  const [supervision, setSupervision] = useState<SupervisionSettings>(current.supervision);
  const [service, setService] = useState<ServiceSettings>(current.service);
  const [safety, setSafety] = useState<SafetyFormValues>(() => toSafetyFormValues(current.safety));
  const [questionnaires, setQuestionnaires] = useState<QuestionnaireFormValues>(() =>
    toQuestionnaireFormValues(current.questionnaires),
  );
  const [sending, setSending] = useState<QuestionnaireSendingFormValues>(() =>
    toQuestionnaireSendingFormValues(current.questionnaireSending),
  );
  const [status, setStatus] = useState<string | null>(null);

  function change(key: SettingKey, value: string) {
    setValues((previous) => ({ ...previous, [key]: value }));
    setStatus(null);
  }

  function chooseTimeZone(timeZone: string) {
    setService({ timeZone });
    setStatus(null);
  }

  function changeSafety(key: SafetyKey, value: string) {
    setSafety((previous) => ({ ...previous, [key]: value }));
    setStatus(null);
  }

  function toggle(key: SupervisionKey, checked: boolean) {
    setSupervision((previous) => ({ ...previous, [key]: checked }));
    setStatus(null);
  }

  /** After "changed elsewhere": show the settings as they are now saved. */
  async function reloadLatest() {
    const latest = await reload();
    if (latest) {
      setValues(toFormValues(latest.settings));
      setSupervision(latest.supervision);
      setService(latest.service);
      setSafety(toSafetyFormValues(latest.safety));
      setQuestionnaires(toQuestionnaireFormValues(latest.questionnaires));
      setSending(toQuestionnaireSendingFormValues(latest.questionnaireSending));
    }
    setErrors(noWriteErrors);
  }

  function fillDefaults() {
    setValues(restoreDefaults(current.defaults));
    setSupervision(current.supervisionDefaults);
    setService(current.serviceDefaults);
    setSafety(toSafetyFormValues(current.safetyDefaults));
    setQuestionnaires(toQuestionnaireFormValues(current.questionnairesDefaults));
    setSending(toQuestionnaireSendingFormValues(current.questionnaireSendingDefaults));
    setErrors(noWriteErrors);
    setStatus("The defaults are filled in. Save settings to use them.");
  }

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    setStatus(null);
    const parsed = parseSettingsForm(
      values,
      supervision,
      service,
      safety,
      current.version,
      questionnaires,
      sending,
    );
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors(noWriteErrors);
    update.mutate(parsed.body, {
      onSuccess: (saved) => {
        setValues(toFormValues(saved.settings));
        setSupervision(saved.supervision);
        setService(saved.service);
        setSafety(toSafetyFormValues(saved.safety));
        setQuestionnaires(toQuestionnaireFormValues(saved.questionnaires));
        setSending(toQuestionnaireSendingFormValues(saved.questionnaireSending));
        setStatus("Settings saved.");
      },
      onError: (error) => setErrors(settingsWriteErrors(error)),
    });
  }

  return (
    <form ref={formRef} className="form form--wide" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reloadLatest} />
      <ServiceFields
        values={service}
        defaults={current.serviceDefaults}
        errors={errors}
        onChange={chooseTimeZone}
      />
      <SettingsFields values={values} defaults={current.defaults} errors={errors} onChange={change} />
      <SupervisionFields
        values={supervision}
        defaults={current.supervisionDefaults}
        errors={errors}
        onChange={toggle}
      />
      <SafetyFields
        values={safety}
        defaults={current.safetyDefaults}
        errors={errors}
        onChange={changeSafety}
      />
      <QuestionnaireFields
        values={questionnaires}
        defaults={current.questionnairesDefaults}
        errors={errors}
        onChange={(next) => {
          setQuestionnaires(next);
          setStatus(null);
        }}
      />
      <QuestionnaireSendingFields
        values={sending}
        defaults={current.questionnaireSendingDefaults}
        errors={errors}
        onChange={(next) => {
          setSending(next);
          setStatus(null);
        }}
      />
      <div className="button-row">
        <SubmitButton pending={update.isPending} pendingLabel="Saving…">
          Save settings
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={fillDefaults}>
          Restore defaults
        </button>
      </div>
      <LiveStatus message={status} />
    </form>
  );
}
