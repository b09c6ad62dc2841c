// The settings form's values and checks, apart from the form so they can be tested: measurement
// inputs hold text and a save sends whole numbers; supervision settings are checkboxes; the service's
// time zone is a choice of IANA zone; the safety inputs (safety-fields.tsx) hold text like the measurement ones. All are checked with the shared schema first and saved together.
import {
  measurementSettingFields,
  measurementSettings,
  serviceSettings,
  supervisionSettings,
  updateMeasurementSettingsRequest,
  type MeasurementSettingField,
  type MeasurementSettings,
  type ServiceSettings,
  type SupervisionSettings,
  type UpdateMeasurementSettingsRequest,
} from "@ipt/shared";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { fromSafetyFormValues, safetyFieldNames, type SafetyFormValues } from "./safety-fields";
import {
  fromQuestionnaireFormValues,
  questionnaireFieldNames,
  type QuestionnaireFormValues,
} from "./questionnaire-fields";
import {
  fromQuestionnaireSendingFormValues,
  questionnaireSendingFieldNames,
  type QuestionnaireSendingFormValues,
} from "./questionnaire-sending-fields";
import { noWriteErrors, writeErrorsFromError, type WriteErrors } from "../../../lib/write-errors";

export type SettingKey = keyof MeasurementSettings;
export type SettingsFormValues = Record<SettingKey, string>;
export type SupervisionKey = keyof SupervisionSettings;

/** The input's name, matching the API's field path `body.settings.<key>` (without `body.`). */
export const fieldName = (key: SettingKey) => `settings.${key}`;

/** The checkbox's name, matching the API's field path `body.supervision.<key>`. */
export const supervisionFieldName = (key: SupervisionKey) => `supervision.${key}`;

/** The time zone's input name, matching the API's field path `body.service.timeZone`. */
export const timeZoneFieldName = `service.${serviceSettings.keyof().enum.timeZone}`;

/** Every input's name, from the schemas the settings are saved with, in the form's order. */
export const settingsFieldNames = [
  timeZoneFieldName,
  ...measurementSettings.keyof().options.map(fieldName),
  ...supervisionSettings.keyof().options.map(supervisionFieldName),
  ...safetyFieldNames,
  ...questionnaireFieldNames,
  ...questionnaireSendingFieldNames,
];

/**
 * The zones to choose from: this browser's IANA list, with the saved zone kept even if this browser
 * does not list it (a list is never allowed to change a saved setting silently).
 */
export function timeZoneOptions(saved: string): string[] {
  const known = Intl.supportedValuesOf("timeZone");
  return known.includes(saved) ? known : [saved, ...known];
}

export function toFormValues(settings: MeasurementSettings): SettingsFormValues {
  const entries = measurementSettingFields.map((field) => [field.key, String(settings[field.key])] as const);
  return Object.fromEntries(entries) as SettingsFormValues;
}

/** "Restore defaults" fills in the documented defaults; nothing changes until they are saved. */
export function restoreDefaults(defaults: MeasurementSettings): SettingsFormValues {
  return toFormValues(defaults);
}

/** An empty input is missing (not 0); anything else is read as a number for the schema to judge. */
function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

export type ParsedSettingsForm =
  { ok: true; body: UpdateMeasurementSettingsRequest } | { ok: false; errors: WriteErrors };

/** The request to send, or the field errors to show (named like the inputs). */
export function parseSettingsForm(
  values: SettingsFormValues,
  supervision: SupervisionSettings,
  service: ServiceSettings,
  safetyValues: SafetyFormValues,
  version: number,
  questionnaireValues?: QuestionnaireFormValues,
  sendingValues?: QuestionnaireSendingFormValues,
): ParsedSettingsForm {
  const settings = Object.fromEntries(
    measurementSettingFields.map((field) => [field.key, toNumber(values[field.key])]),
  );
  const safety = fromSafetyFormValues(safetyValues);
  const parsed = updateMeasurementSettingsRequest.safeParse({
    version,
    settings,
    supervision,
    service,
    safety,
    ...(questionnaireValues ? { questionnaires: fromQuestionnaireFormValues(questionnaireValues) } : {}),
    ...(sendingValues ? { questionnaireSending: fromQuestionnaireSendingFormValues(sendingValues) } : {}),
  });
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: { ...noWriteErrors, ...formErrorsFromZod(parsed.error) } };
}

/** A failed save → what the form shows: field errors at their inputs, a stale version as "reload". */
export function settingsWriteErrors(error: unknown): WriteErrors {
  return writeErrorsFromError(error, settingsFieldNames);
}

const unitWords: Record<MeasurementSettingField["unit"], string> = {
  sessions: "sessions",
  points: "points",
  percent: "%",
  session: "session number",
  score: "PHQ-9 score",
  "score-or-off": "PHQ-9 score; 0 = off",
  "no-shows": "no-shows",
};

/** The input's label with its unit, e.g. "Early review at session (session number)". */
export function fieldLabel(field: MeasurementSettingField): string {
  return `${field.label} (${unitWords[field.unit]})`;
}

const defaultWords: Record<MeasurementSettingField["unit"], (value: number) => string> = {
  sessions: (value) => `${value} sessions`,
  points: (value) => `${value} points`,
  percent: (value) => `${value}%`,
  session: (value) => `session ${value}`,
  score: (value) => `a PHQ-9 score of ${value}`,
  "score-or-off": (value) => (value === 0 ? "off" : `a PHQ-9 score of ${value}`),
  "no-shows": (value) => `${value} no-shows`,
};

/** "Default: 20%.", "Default: session 4." */
export function defaultText(field: MeasurementSettingField, defaults: MeasurementSettings): string {
  return `Default: ${defaultWords[field.unit](defaults[field.key])}.`;
}

/** "Default: off." for a supervision checkbox. */
export function supervisionDefaultText(key: SupervisionKey, defaults: SupervisionSettings): string {
  return `Default: ${defaults[key] ? "on" : "off"}.`;
}

/** The accepted range of a setting, from the shared schema (for the input's min and max). */
export function fieldRange(key: SettingKey): { min: number | undefined; max: number | undefined } {
  const schema = measurementSettings.shape[key];
  return { min: schema.minValue ?? undefined, max: schema.maxValue ?? undefined };
}
