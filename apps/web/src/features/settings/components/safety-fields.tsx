// The "Safety" group of the settings form: the days after which an open risk flag escalates to the
// client's supervisors (shared safety/settings.ts).
import { safetySettingFields, safetySettings, type SafetySettings } from "@ipt/shared";
import { SourceTags } from "../../../components/clinical/source-tags";
import { TextField } from "../../../components/form-fields";
import type { WriteErrors } from "../../../lib/write-errors";

export type SafetyKey = keyof SafetySettings;
/** The inputs hold text; a save sends whole numbers (the shared schema judges them). */
export type SafetyFormValues = Record<SafetyKey, string>;

/** The input's name, matching the API's field path `body.safety.<key>`. */
export const safetyFieldName = (key: SafetyKey) => `safety.${key}`;
export const safetyFieldNames = safetySettings.keyof().options.map(safetyFieldName);

export const toSafetyFormValues = (settings: SafetySettings): SafetyFormValues => ({
  escalateAfterDays: String(settings.escalateAfterDays),
});

/** An empty input is missing (not 0); anything else is read as a number for the schema to judge. */
export function fromSafetyFormValues(values: SafetyFormValues): Record<SafetyKey, number | undefined> {
  const text = values.escalateAfterDays.trim();
  return { escalateAfterDays: text === "" ? undefined : Number(text) };
}

export function SafetyFields({
  values,
  defaults,
  errors,
  onChange,
}: {
  values: SafetyFormValues;
  defaults: SafetySettings;
  errors: WriteErrors;
  onChange: (key: SafetyKey, value: string) => void;
}) {
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend fieldset__legend--large">Safety</legend>
      {safetySettingFields.map((field) => {
        const name = safetyFieldName(field.key);
        const schema = safetySettings.shape[field.key];
        return (
          <TextField
            key={field.key}
            name={name}
            label={field.label}
            hint={
              <>
                {field.help} Default: {defaults[field.key]} days. <SourceTags tags={field.sources} />
              </>
            }
            type="number"
            inputMode="numeric"
            step={1}
            min={schema.minValue ?? undefined}
            max={schema.maxValue ?? undefined}
            required
            className="input input--number"
            value={values[field.key]}
            onChange={(event) => onChange(field.key, event.currentTarget.value)}
            error={errors.fields[name]}
          />
        );
      })}
    </fieldset>
  );
}
