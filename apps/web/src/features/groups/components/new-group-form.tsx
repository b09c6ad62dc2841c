import {
  createGroupRequest,
  GROUP_IPT,
  groupScheduleErrors,
  lineagePresets,
  lineages,
  type GroupDetail,
} from "@ipt/shared";
import type { SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import {
  CheckboxField,
  ChoiceGroup,
  SubmitButton,
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
import { useCreateGroup } from "../api/group-writes";

const fieldNames = fieldNamesOf(createGroupRequest);

const lineageOptions = lineages.map((lineage) => ({
  value: lineage,
  label: lineagePresets[lineage].label,
  hint: <SourceTags tags={lineagePresets[lineage].sources} />,
}));

/** "" stays "" (so the schema says what is missing); anything else must be a whole number. */
const wholeNumber = (text: string) => (text.trim() === "" ? undefined : Number(text));

/** The messages people read for what the schema only says in its own words. */
const messages = {
  lineage: "Choose the manual lineage.",
  groupSessions: "Enter the number of group sessions.",
  sessionMinutes: "Enter the length of a group session in minutes.",
  startDate: "Enter the date of the first group session, like 2026-02-02.",
  weekday: "Choose the day of the week.",
  startTime: "Enter the time of the group sessions, like 14:00.",
} as const;

/**
 * A new group IPT group (WHO: a pre-group individual meeting, weekly group sessions, a closing
 * individual meeting): its name or code, lineage and schedule. The group's plan is generated at
 * once; members are added on the group's page.
 */
export function NewGroupForm({ onCreated }: { onCreated: (group: GroupDetail) => void }) {
  const createGroup = useCreateGroup();
  const today = useServiceToday();
  const timeZone = useServiceTimeZone();
  const { formRef, errors, setErrors } = useWriteErrors();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (createGroup.isPending) return;
    const data = new FormData(event.currentTarget);
    const values = {
      name: formText(data, "name"),
      lineage: formText(data, "lineage") || undefined,
      groupSessions: wholeNumber(formText(data, "groupSessions")),
      sessionMinutes: wholeNumber(formText(data, "sessionMinutes")),
      startDate: formText(data, "startDate"),
      weekday: wholeNumber(formText(data, "weekday")),
      startTime: formText(data, "startTime"),
      midGroupMeeting: data.has("midGroupMeeting"),
    };
    const parsed = createGroupRequest.safeParse(values);
    const fields: Record<string, string> = parsed.success ? {} : formErrorsFromZod(parsed.error).fields;
    for (const name of Object.keys(messages) as (keyof typeof messages)[]) {
      if (fields[name] !== undefined) fields[name] = messages[name];
    }
    // The group format's ranges (8–16 sessions, 60–120 minutes), as the API checks them.
    if (values.groupSessions !== undefined && values.sessionMinutes !== undefined) {
      for (const error of groupScheduleErrors({
        groupSessions: values.groupSessions,
        sessionMinutes: values.sessionMinutes,
      })) {
        fields[error.field] ??= error.message;
      }
    }
    if (!parsed.success || Object.keys(fields).length > 0) {
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames) });
      return;
    }
    setErrors(noWriteErrors);
    createGroup.mutate(parsed.data, {
      onSuccess: (group) => onCreated(group),
      onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
    });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} />
      <TextField
        name="name"
        label="Name or code of the group"
        hint="For example “Monday group A”. Never a client’s name: every member’s record shows it."
        autoComplete="off"
        maxLength={80}
        required
        error={errors.fields.name}
      />
      <ChoiceGroup
        type="radio"
        name="lineage"
        legend="Manual lineage"
        hint="Decides which problem areas each member’s formulation offers."
        options={lineageOptions}
        defaultSelected={["weissman"]}
        error={errors.fields.lineage}
      />
      <TextField
        name="groupSessions"
        type="number"
        label="Number of weekly group sessions"
        hint={
          <>
            {GROUP_IPT.minGroupSessions} to {GROUP_IPT.maxGroupSessions}; the WHO manual has 8.{" "}
            <SourceTags tags={["S22a", "S22d"]} /> Each member also has a pre-group and a closing individual
            meeting.
          </>
        }
        min={GROUP_IPT.minGroupSessions}
        max={GROUP_IPT.maxGroupSessions}
        defaultValue={GROUP_IPT.defaultGroupSessions}
        required
        fieldClassName="field--short"
        error={errors.fields.groupSessions}
      />
      <TextField
        name="sessionMinutes"
        type="number"
        label="Length of a group session in minutes"
        hint={`${GROUP_IPT.minSessionMinutes} to ${GROUP_IPT.maxSessionMinutes} minutes (a planner’s choice: the WHO session length is unconfirmed).`}
        min={GROUP_IPT.minSessionMinutes}
        max={GROUP_IPT.maxSessionMinutes}
        step={5}
        defaultValue={GROUP_IPT.defaultSessionMinutes}
        required
        fieldClassName="field--short"
        error={errors.fields.sessionMinutes}
      />
      <TextField
        name="startDate"
        type="date"
        label="Date of the first group session"
        hint="If it is not on the day of the week below, the first group session is the next such day."
        defaultValue={today}
        required
        fieldClassName="field--short"
        error={errors.fields.startDate}
      />
      <WeekdayField
        defaultValue={1}
        hint="Every group session is planned on this day."
        error={errors.fields.weekday}
      />
      <TextField
        name="startTime"
        type="time"
        label="Time of the group sessions"
        hint={`In the service's time zone (${timeZone}). A single group session can be moved later.`}
        defaultValue="14:00"
        required
        fieldClassName="field--short"
        error={errors.fields.startTime}
      />
      <CheckboxField
        name="midGroupMeeting"
        label="Add IPT-G’s mid-treatment individual meeting"
        hint={
          <>
            Each member meets you alone a few days after group session {"⌊"}N/2{"⌋"} (IPT-G: between sessions
            10 and 11 of 20). <SourceTags tags={GROUP_IPT.midMeetingSources} /> The WHO format has none.
          </>
        }
      />
      <SubmitButton pending={createGroup.isPending} pendingLabel="Creating the group…">
        Create the group and its plan
      </SubmitButton>
    </form>
  );
}
