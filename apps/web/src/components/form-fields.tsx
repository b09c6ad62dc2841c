import {
  useEffect,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import type { FormErrors } from "../lib/form-errors";

/** A field's error message, read out as "Error: …"; nothing when there is no error. */
export function FieldErrorMessage({
  id,
  error,
}: {
  id: string | undefined;
  error: string | null | undefined;
}) {
  if (!error) return null;
  return (
    <p id={id} className="field__error">
      <span className="visually-hidden">Error: </span>
      {error}
    </p>
  );
}

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string | undefined;
  children: (describedBy: string | undefined) => ReactNode;
}

function FieldFrame({ id, label, hint, error, className, children }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["field", error ? "field--error" : "", className ?? ""].join(" ").trim()}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
      <FieldErrorMessage id={errorId} error={error} />
      {children(describedBy)}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  fieldClassName?: string;
};

export function TextField({ name, label, hint, error, fieldClassName, ...input }: TextFieldProps) {
  const id = `${useId()}${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={fieldClassName}>
      {(describedBy) => (
        <input
          id={id}
          name={name}
          className="input"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name"> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  fieldClassName?: string;
  children: ReactNode;
};

export function SelectField({
  name,
  label,
  hint,
  error,
  fieldClassName,
  children,
  ...select
}: SelectFieldProps) {
  const id = `${useId()}${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={fieldClassName}>
      {(describedBy) => (
        <select
          id={id}
          name={name}
          className="select"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...select}
        >
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The weekday a schedule's sessions fall on, 1 (Monday) to 7 (Sunday), as the contracts number it. */
export function WeekdayField({
  defaultValue,
  hint,
  error,
}: {
  defaultValue: number;
  hint?: ReactNode;
  error?: string | undefined;
}) {
  return (
    <SelectField
      name="weekday"
      label="Day of the week"
      hint={hint}
      defaultValue={String(defaultValue)}
      fieldClassName="field--short"
      error={error}
    >
      {WEEKDAY_NAMES.map((day, index) => (
        <option key={day} value={index + 1}>
          {day}
        </option>
      ))}
    </SelectField>
  );
}

/** A session's new date and start time, in the service's time zone (rescheduling one or a group's). */
export function NewSessionTimeFields({
  session,
  timeZone,
  errors,
}: {
  session: { plannedDate: string; startTime: string };
  timeZone: string;
  errors: { plannedDate?: string | undefined; startTime?: string | undefined };
}) {
  return (
    <>
      <TextField
        name="plannedDate"
        type="date"
        label="New date"
        defaultValue={session.plannedDate}
        required
        fieldClassName="field--short"
        error={errors.plannedDate}
      />
      <TextField
        name="startTime"
        type="time"
        label="New time"
        hint={`In the service's time zone (${timeZone}).`}
        defaultValue={session.startTime}
        required
        fieldClassName="field--short"
        error={errors.startTime}
      />
    </>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name"> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  fieldClassName?: string;
};

export function TextAreaField({ name, label, hint, error, fieldClassName, ...textarea }: TextAreaFieldProps) {
  const id = `${useId()}${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={fieldClassName}>
      {(describedBy) => (
        <textarea
          id={id}
          name={name}
          className="input textarea"
          rows={4}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...textarea}
        />
      )}
    </FieldFrame>
  );
}

export interface ChoiceOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

type ChoiceInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type" | "children">;

/** One checkbox (or radio) with its label and an optional hint below it. */
function Choice({
  type,
  label,
  hint,
  input,
}: {
  type: "checkbox" | "radio";
  label: ReactNode;
  hint?: ReactNode;
  input: ChoiceInputProps;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="choice">
      <input id={id} type={type} className="choice__input" aria-describedby={hintId} {...input} />
      <label htmlFor={id} className="choice__label">
        {label}
      </label>
      {hint ? (
        <div id={hintId} className="choice__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** A single checkbox, e.g. "Sick role given". */
export function CheckboxField({
  label,
  hint,
  ...input
}: ChoiceInputProps & { name: string; label: ReactNode; hint?: ReactNode }) {
  return <Choice type="checkbox" label={label} hint={hint} input={input} />;
}

/**
 * Radios (one value) or checkboxes (several) in a fieldset whose legend names the group. Pass
 * `selected` + `onToggle` to control it, or `defaultSelected` to leave it to the form.
 */
export function ChoiceGroup({
  type,
  name,
  legend,
  hint,
  error,
  options,
  selected,
  defaultSelected,
  onToggle,
  className,
}: {
  type: "checkbox" | "radio";
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly ChoiceOption[];
  selected?: readonly string[];
  defaultSelected?: readonly string[];
  onToggle?: (value: string, checked: boolean) => void;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={["fieldset", error ? "field--error" : "", className ?? ""].join(" ").trim()}
      aria-describedby={describedBy}
    >
      <legend className="fieldset__legend">{legend}</legend>
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
      <FieldErrorMessage id={errorId} error={error} />
      <div className="choices">
        {options.map((option) => (
          <Choice
            key={option.value}
            type={type}
            label={option.label}
            hint={option.hint}
            input={{
              name,
              value: option.value,
              "aria-invalid": error ? true : undefined,
              ...(selected
                ? {
                    checked: selected.includes(option.value),
                    onChange: (event) => onToggle?.(option.value, event.currentTarget.checked),
                  }
                : { defaultChecked: defaultSelected?.includes(option.value) ?? false }),
            }}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** The form-level message (e.g. "Email or password is not correct."), announced at once. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="notice notice--error" tabIndex={-1} data-form-alert="">
      {message}
    </div>
  );
}

/**
 * After a failed submit, move focus to the first invalid field (or to the form alert when no
 * single field is to blame) so keyboard and screen reader users land on the problem.
 */
export function useFocusFirstError(formRef: RefObject<HTMLFormElement | null>, errors: FormErrors): void {
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    // Radios are invalid as a group (ARIA 1.2: on the radiogroup): its first radio takes the focus.
    const field =
      invalid?.getAttribute("role") === "radiogroup" ? invalid.querySelector<HTMLElement>("input") : invalid;
    const target = field ?? (errors.message ? form.querySelector<HTMLElement>("[data-form-alert]") : null);
    target?.focus();
  }, [formRef, errors]);
}

export function SubmitButton({
  pending,
  pendingLabel,
  children,
  className = "button",
}: {
  pending: boolean;
  pendingLabel: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    // Stays focusable while pending (a disabled button would drop keyboard focus); the form
    // ignores submits while its request is in flight.
    <button type="submit" className={className} aria-disabled={pending || undefined}>
      {pending ? pendingLabel : children}
    </button>
  );
}
