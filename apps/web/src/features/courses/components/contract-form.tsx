import {
  contractRequest,
  formatPresets,
  formulationRequest,
  acuteFrequencies,
  TERMINATION_LEAD,
  terminationLeadSources,
  type CourseDetail,
} from "@ipt/shared";
import type { SubmitEvent } from "react";
import { isApiError } from "../../../lib/api-client";
import { SourceTags } from "../../../components/clinical/source-tags";
import {
  ChoiceGroup,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  WeekdayField,
} from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { useServiceTimeZone } from "../../../lib/service-time-zone";
import { useServiceToday } from "../../../lib/service-today";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadCourse } from "../api/get-course";
import { useSetContract } from "../api/set-contract";
import { useSetFormulation } from "../api/set-formulation";
import { EPISODE_ONSET, FormulationFields, parseFormulation } from "./formulation-form";
import { frequencyLabels } from "./labels";

const fieldNames = fieldNamesOf(contractRequest);

/** In the set-up's combined form the formulation's date is renamed: the contract has its own. */
const FORMULATION_AGREED_ON = "formulationAgreedOn";
const formulationFieldNames = ["formulation", FORMULATION_AGREED_ON, EPISODE_ONSET];
const combinedFieldNames = [...formulationFieldNames, ...fieldNames];

/** The formulation's field errors under the combined form's names. */
function formulationFields(fields: Record<string, string>): Record<string, string> {
  const { agreedOn, ...rest } = fields;
  return agreedOn === undefined ? rest : { ...rest, [FORMULATION_AGREED_ON]: agreedOn };
}

/** A plan for missed sessions to start from; the therapist agrees it with the client or changes it. */
export const DEFAULT_MISSED_SESSION_POLICY =
  "A missed session is not replaced unless we agree to; the course still ends on the agreed date.";

// Monthly sessions are a maintenance contract's (start-maintenance-form.tsx).
const frequencyOptions = acuteFrequencies.map((frequency) => ({
  value: frequency,
  label: frequencyLabels[frequency],
}));

const leadChoices = Array.from(
  { length: TERMINATION_LEAD.max - TERMINATION_LEAD.min + 1 },
  (_, index) => TERMINATION_LEAD.min + index,
);

/** "" stays "" (so the schema says what is missing); anything else must be a whole number. */
const wholeNumber = (text: string) => (text.trim() === "" ? undefined : Number(text));

function rangeText(min: number, max: number, unit: string): string {
  return min === max ? `${min} ${unit}` : `${min} to ${max} ${unit}`;
}

/** What the format allows of a number: `min` to `max`, and that range in words. */
function allowed(min: number, max: number, unit: string) {
  return { min, max, text: rangeText(min, max, unit) };
}

/** Says so when a number is missing (replacing the schema's message) or outside what is allowed. */
function checkNumber(
  fields: Record<string, string>,
  name: string,
  value: number | undefined,
  { min, max }: { min: number; max: number },
  messages: { missing: string; outside: string },
): void {
  if (value === undefined) fields[name] = messages.missing;
  else if (value < min || value > max) fields[name] ??= messages.outside;
}

/**
 * The treatment contract: number, frequency and length of sessions, the start date, when
 * termination begins and what happens after a missed session. Saving it generates the plan.
 * `withFormulation` (course set-up) puts the formulation's fields first and saves both with one
 * button: the formulation, then the contract on the version that returns.
 */
export function ContractForm({
  course,
  onSaved,
  withFormulation = false,
}: {
  course: CourseDetail;
  onSaved: () => void;
  withFormulation?: boolean;
}) {
  const setContract = useSetContract();
  const setFormulation = useSetFormulation();
  const pending = setContract.isPending || setFormulation.isPending;
  const names = withFormulation ? combinedFieldNames : fieldNames;
  const today = useServiceToday();
  const timeZone = useServiceTimeZone();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const preset = formatPresets[course.format];
  const sessions = allowed(preset.minSessions, preset.maxSessions, "sessions");
  const minutes = allowed(preset.minSessionMinutes, preset.maxSessionMinutes, "minutes");

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const formulation = withFormulation
      ? parseFormulation(data, course.version, today, FORMULATION_AGREED_ON)
      : null;
    const values = {
      version: course.version,
      plannedSessions: wholeNumber(formText(data, "plannedSessions")),
      frequency: formText(data, "frequency"),
      sessionMinutes: wholeNumber(formText(data, "sessionMinutes")),
      startDate: formText(data, "startDate"),
      weekday: wholeNumber(formText(data, "weekday")),
      startTime: formText(data, "startTime"),
      terminationLead: wholeNumber(formText(data, "terminationLead")),
      missedSessionPolicy: formText(data, "missedSessionPolicy"),
      agreedOn: formText(data, "agreedOn"),
    };
    const parsed = contractRequest.safeParse(values);
    const fields = {
      ...(formulation?.success === false ? formulationFields(formulation.fields) : {}),
      ...(parsed.success ? {} : formErrorsFromZod(parsed.error).fields),
    };
    checkNumber(fields, "plannedSessions", values.plannedSessions, sessions, {
      missing: "Enter the number of sessions.",
      outside: `${preset.label} has ${sessions.text}.`,
    });
    checkNumber(fields, "sessionMinutes", values.sessionMinutes, minutes, {
      missing: "Enter the session length in minutes.",
      outside: `Sessions last ${minutes.text}.`,
    });
    if (!values.frequency) fields.frequency = "Choose how often the sessions are.";
    if (!values.startDate) fields.startDate = "Enter the date of the first session.";
    if (!values.startTime) fields.startTime = "Enter the time of the sessions.";
    if (!values.agreedOn) fields.agreedOn = "Enter the date the contract was agreed.";
    if (!parsed.success || formulation?.success === false || Object.keys(fields).length > 0) {
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, names) });
      return;
    }
    setErrors(noWriteErrors);
    let version = course.version;
    if (formulation?.success) {
      try {
        version = (await setFormulation.mutateAsync({ courseId: course.id, body: formulation.data })).version;
      } catch (error) {
        const errors = writeErrorsFromError(error, fieldNamesOf(formulationRequest));
        // A refused field can only be the formulation's (its date is renamed here).
        if (isApiError(error, "validation_failed")) errors.fields = formulationFields(errors.fields);
        setErrors(errors);
        return;
      }
    }
    try {
      await setContract.mutateAsync({ courseId: course.id, body: { ...parsed.data, version } });
      onSaved();
    } catch (error) {
      setErrors(writeErrorsFromError(error, fieldNames));
    }
  }

  return (
    <form ref={formRef} className="form form--wide" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      {withFormulation ? (
        <fieldset className="fieldset">
          <legend className="fieldset__legend fieldset__legend--large">Formulation</legend>
          <FormulationFields course={course} errors={errors.fields} agreedOnName={FORMULATION_AGREED_ON} />
        </fieldset>
      ) : null}
      <TextField
        name="plannedSessions"
        type="number"
        label="Number of sessions"
        hint={
          <>
            {preset.label}: {sessions.text}
            {preset.engagementSession ? ", the engagement session included" : ""}.{" "}
            <SourceTags tags={preset.sources} />
          </>
        }
        min={sessions.min}
        max={sessions.max}
        step={1}
        defaultValue={course.plannedSessions}
        required
        fieldClassName="field--short"
        error={errors.fields.plannedSessions}
      />
      <ChoiceGroup
        type="radio"
        name="frequency"
        legend="How often"
        hint="Weekly is the standard."
        options={frequencyOptions}
        defaultSelected={[course.frequency]}
        error={errors.fields.frequency}
      />
      <TextField
        name="sessionMinutes"
        type="number"
        label="Session length in minutes"
        hint={`${minutes.text}.`}
        min={minutes.min}
        max={minutes.max}
        step={5}
        defaultValue={course.sessionMinutes}
        required
        fieldClassName="field--short"
        error={errors.fields.sessionMinutes}
      />
      <TextField
        name="startDate"
        type="date"
        label="Date of the first session"
        hint="If it is not on the day of the week below, the first session is the next such day."
        defaultValue={course.startDate}
        required
        fieldClassName="field--short"
        error={errors.fields.startDate}
      />
      <WeekdayField
        defaultValue={course.sessionWeekday}
        hint="Every session is planned on this day."
        error={errors.fields.weekday}
      />
      <TextField
        name="startTime"
        type="time"
        label="Time of the sessions"
        hint={`In the service's time zone (${timeZone}). A single session can be moved later.`}
        defaultValue={course.sessionTime}
        required
        fieldClassName="field--short"
        error={errors.fields.startTime}
      />
      <SelectField
        name="terminationLead"
        label="Start termination this many sessions before the end"
        hint={
          <>
            The ending is raised {TERMINATION_LEAD.min} to {TERMINATION_LEAD.max} sessions before the last
            session. <SourceTags tags={terminationLeadSources} />
          </>
        }
        defaultValue={String(course.terminationLead)}
        error={errors.fields.terminationLead}
        fieldClassName="field--short"
      >
        {leadChoices.map((lead) => (
          <option key={lead} value={lead}>
            {lead} sessions
          </option>
        ))}
      </SelectField>
      <TextAreaField
        name="missedSessionPolicy"
        label="What happens after a missed session"
        hint="A suggested wording to start from: agree it with the client, or change it."
        defaultValue={course.missedSessionPolicy ?? DEFAULT_MISSED_SESSION_POLICY}
        rows={2}
        maxLength={1000}
        required
        error={errors.fields.missedSessionPolicy}
      />
      <TextField
        name="agreedOn"
        type="date"
        label="Contract agreed on"
        defaultValue={course.contractAgreedOn ?? today}
        required
        fieldClassName="field--short"
        error={errors.fields.agreedOn}
      />
      <SubmitButton pending={pending} pendingLabel="Saving and generating the plan…">
        {withFormulation
          ? "Save formulation and contract, generate the plan"
          : "Save contract and generate the plan"}
      </SubmitButton>
    </form>
  );
}
