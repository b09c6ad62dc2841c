import {
  formatPresets,
  frequencies,
  MAINTENANCE_CONTRACT,
  startMaintenanceRequest,
  type CourseDetail,
} from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { useNavigate } from "react-router";
import { SourceTags } from "../../../components/clinical/source-tags";
import {
  ChoiceGroup,
  SubmitButton,
  TextAreaField,
  TextField,
  WeekdayField,
} from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { paths } from "../../../config/paths";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { useServiceTimeZone } from "../../../lib/service-time-zone";
import { useServiceToday } from "../../../lib/service-today";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadCourse } from "../api/get-course";
import { useStartMaintenance } from "../api/start-maintenance";
import { DEFAULT_MISSED_SESSION_POLICY } from "./contract-form";
import { frequencyLabels } from "./labels";

const fieldNames = fieldNamesOf(startMaintenanceRequest);
const frequencyOptions = frequencies.map((frequency) => ({
  value: frequency,
  label: frequencyLabels[frequency],
}));
const wholeNumber = (text: string) => (text.trim() === "" ? undefined : Number(text));

/** Whether a "Start maintenance" action belongs on this course: a completed acute course, none open after it. */
export const canStartMaintenance = (course: CourseDetail) =>
  course.kind === "acute" &&
  course.phase === "completed" &&
  course.outcome === "completed" &&
  course.maintenanceCourses.every((maintenance) => maintenance.phase === "completed");

/**
 * "Start maintenance" on a completed acute course: the maintenance contract (6–12 sessions, monthly by
 * default), whose plan is generated at once; then the new course opens.
 */
export function StartMaintenance({ course }: { course: CourseDetail }) {
  const [open, setOpen] = useState(false);
  if (!canStartMaintenance(course)) return null;
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Start maintenance
      </button>
    );
  }
  return <StartMaintenanceForm course={course} />;
}

function StartMaintenanceForm({ course }: { course: CourseDetail }) {
  const start = useStartMaintenance();
  const navigate = useNavigate();
  const today = useServiceToday();
  const timeZone = useServiceTimeZone();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const preset = formatPresets[course.format];

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending) return;
    const data = new FormData(event.currentTarget);
    const values = {
      plannedSessions: wholeNumber(formText(data, "plannedSessions")),
      frequency: formText(data, "frequency"),
      sessionMinutes: wholeNumber(formText(data, "sessionMinutes")),
      startDate: formText(data, "startDate"),
      weekday: wholeNumber(formText(data, "weekday")),
      startTime: formText(data, "startTime"),
      missedSessionPolicy: formText(data, "missedSessionPolicy"),
      agreedOn: formText(data, "agreedOn"),
    };
    const parsed = startMaintenanceRequest.safeParse(values);
    const fields = parsed.success ? {} : formErrorsFromZod(parsed.error).fields;
    if (values.plannedSessions === undefined) fields.plannedSessions = "Enter the number of sessions.";
    if (!values.startDate) fields.startDate = "Enter the date of the first maintenance session.";
    if (!values.startTime) fields.startTime = "Enter the time of the sessions.";
    if (!values.agreedOn) fields.agreedOn = "Enter the date the contract was agreed.";
    if (!parsed.success || Object.keys(fields).length > 0) {
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames) });
      return;
    }
    setErrors(noWriteErrors);
    start.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: (maintenance) => void navigate(paths.therapist.course.getHref(maintenance.id)),
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  return (
    <form
      ref={formRef}
      className="form form--wide"
      noValidate
      aria-label="Maintenance contract"
      onSubmit={handleSubmit}
    >
      <h3 className="section__subtitle">Maintenance contract</h3>
      <p className="section__intro">
        {MAINTENANCE_CONTRACT.note} <SourceTags tags={MAINTENANCE_CONTRACT.sources} />
      </p>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <TextField
        name="plannedSessions"
        type="number"
        label="Number of maintenance sessions"
        hint={`${MAINTENANCE_CONTRACT.minSessions} to ${MAINTENANCE_CONTRACT.maxSessions} sessions.`}
        min={MAINTENANCE_CONTRACT.minSessions}
        max={MAINTENANCE_CONTRACT.maxSessions}
        step={1}
        defaultValue={MAINTENANCE_CONTRACT.defaultSessions}
        required
        fieldClassName="field--short"
        error={errors.fields.plannedSessions}
      />
      <ChoiceGroup
        type="radio"
        name="frequency"
        legend="How often"
        hint="Monthly is the default; trials also gave maintenance weekly."
        options={frequencyOptions}
        defaultSelected={[MAINTENANCE_CONTRACT.defaultFrequency]}
        error={errors.fields.frequency}
      />
      <TextField
        name="sessionMinutes"
        type="number"
        label="Session length in minutes"
        hint={`${preset.minSessionMinutes} to ${preset.maxSessionMinutes} minutes.`}
        min={preset.minSessionMinutes}
        max={preset.maxSessionMinutes}
        step={5}
        defaultValue={course.sessionMinutes}
        required
        fieldClassName="field--short"
        error={errors.fields.sessionMinutes}
      />
      <TextField
        name="startDate"
        type="date"
        label="Date of the first maintenance session"
        hint="After the acute course's end. If it is not on the day below, the first session is the next such day."
        required
        fieldClassName="field--short"
        error={errors.fields.startDate}
      />
      <WeekdayField defaultValue={course.sessionWeekday} error={errors.fields.weekday} />
      <TextField
        name="startTime"
        type="time"
        label="Time of the sessions"
        hint={`In the service's time zone (${timeZone}).`}
        defaultValue={course.sessionTime}
        required
        fieldClassName="field--short"
        error={errors.fields.startTime}
      />
      <TextAreaField
        name="missedSessionPolicy"
        label="What happens after a missed session"
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
        defaultValue={today}
        required
        fieldClassName="field--short"
        error={errors.fields.agreedOn}
      />
      <SubmitButton pending={start.isPending} pendingLabel="Starting maintenance…">
        Start maintenance and generate the plan
      </SubmitButton>
    </form>
  );
}
