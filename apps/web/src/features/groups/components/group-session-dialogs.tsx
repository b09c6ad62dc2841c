import {
  cancelGroupSessionRequest,
  groupAttendanceStatuses,
  recordGroupAttendanceRequest,
  rescheduleGroupSessionRequest,
  type GroupAttendanceStatus,
  type GroupDetail,
  type GroupMember,
  type GroupSession,
} from "@ipt/shared";
import type { SubmitEvent } from "react";
import { FormDialog } from "../../../components/form-dialog";
import {
  CheckboxField,
  ChoiceGroup,
  NewSessionTimeFields,
  TextAreaField,
} from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { formatSessionWhen } from "../../../lib/format";
import { useServiceTimeZone } from "../../../lib/service-time-zone";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadGroup } from "../api/get-group";
import {
  useCancelGroupSession,
  useRecordGroupAttendance,
  useRescheduleGroupSession,
} from "../api/group-writes";
import type { GroupSessionAction } from "./group-sessions-table";

interface DialogProps {
  group: GroupDetail;
  session: GroupSession;
  onClose: () => void;
  /** After the server accepted the change, with what to announce. */
  onDone: (message: string) => void;
}

const sessionName = (session: GroupSession) =>
  `group session ${session.number} of ${formatSessionWhen(session)}`;

export const attendanceLabels: Record<GroupAttendanceStatus, string> = {
  attended: "Attended",
  absent: "Did not come (no-show)",
  cancelled: "Cancelled in advance",
};

const attendanceOptions = groupAttendanceStatuses.map((status) => ({
  value: status,
  label: attendanceLabels[status],
}));

/** The members whose attendance is recorded: current members with an open course. */
export const attendingMembers = (group: GroupDetail): GroupMember[] =>
  group.members.filter((member) => member.leftAt === null && member.phase !== "completed");

/** A member's radios are named after the entry the API checks: `attendance.<i>.status`. */
const statusField = (index: number) => `attendance.${index}.status`;

/** Server errors about a member's entry (its course or its status) go to that member's radios. */
function toMemberFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, message]) => [
      name.replace(/^(attendance\.\d+)\.courseId$/, "$1.status"),
      message,
    ]),
  );
}

/**
 * Every member's attendance at one group session, one submit: attended (their session is held),
 * did not come (a no-show) or cancelled in advance (their session is cancelled).
 */
export function AttendanceDialog({ group, session, onClose, onDone }: DialogProps) {
  const record = useRecordGroupAttendance();
  const reload = useReloadGroup(group.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const members = attendingMembers(group);
  const fieldNames = ["attendance", ...members.map((_, index) => statusField(index))];

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (record.isPending) return;
    const data = new FormData(event.currentTarget);
    const fields: Record<string, string> = {};
    const attendance = members.map((member, index) => {
      const status = formText(data, statusField(index));
      if (!status) fields[statusField(index)] = `Choose how ${member.client.displayName} took part.`;
      return { courseId: member.courseId, status };
    });
    const parsed = recordGroupAttendanceRequest.safeParse({ attendance });
    if (Object.keys(fields).length > 0 || !parsed.success) {
      const fromSchema = parsed.success ? {} : toMemberFields(formErrorsFromZod(parsed.error).fields);
      setErrors({ ...noWriteErrors, fields: inFieldOrder({ ...fromSchema, ...fields }, fieldNames) });
      return;
    }
    setErrors(noWriteErrors);
    record.mutate(
      { groupId: group.id, groupSessionId: session.id, body: parsed.data },
      {
        onSuccess: () => onDone(`The attendance of ${sessionName(session)} has been recorded.`),
        onError: (error) => {
          const written = writeErrorsFromError(error, [
            ...fieldNames,
            ...members.map((_, index) => `attendance.${index}.courseId`),
          ]);
          setErrors({ ...written, fields: toMemberFields(written.fields) });
        },
      },
    );
  }

  return (
    <FormDialog
      open
      title={`Record the attendance of ${sessionName(session)}`}
      submitLabel="Record attendance"
      pendingLabel="Recording…"
      pending={record.isPending}
      onSubmit={handleSubmit}
      onClose={onClose}
      formRef={formRef}
    >
      <WriteErrorSummary errors={errors} onReload={reload} />
      <p>
        Each member’s own session follows: attended is held, a no-show is a no-show, cancelled in advance is
        cancelled. It is recorded once, for every member.
      </p>
      {members.map((member, index) => (
        <ChoiceGroup
          key={member.courseId}
          type="radio"
          name={statusField(index)}
          legend={member.client.displayName}
          options={attendanceOptions}
          error={errors.fields[statusField(index)]}
        />
      ))}
    </FormDialog>
  );
}

/** Move one group session: every current member's session moves with it. */
export function RescheduleGroupSessionDialog({ group, session, onClose, onDone }: DialogProps) {
  const reschedule = useRescheduleGroupSession();
  const reload = useReloadGroup(group.id);
  const timeZone = useServiceTimeZone();
  const { formRef, errors, setErrors } = useWriteErrors();
  const fieldNames = ["plannedDate", "startTime", "moveLater"];

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reschedule.isPending) return;
    const data = new FormData(event.currentTarget);
    const parsed = rescheduleGroupSessionRequest.safeParse({
      plannedDate: formText(data, "plannedDate"),
      startTime: formText(data, "startTime"),
      moveLater: data.has("moveLater"),
    });
    if (!parsed.success) {
      const fields = formErrorsFromZod(parsed.error).fields;
      if (fields.plannedDate) fields.plannedDate = "Enter the new date, like 2026-02-10.";
      if (fields.startTime) fields.startTime = "Enter the new time, like 14:00.";
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames) });
      return;
    }
    setErrors(noWriteErrors);
    const body = parsed.data;
    reschedule.mutate(
      { groupId: group.id, groupSessionId: session.id, body },
      {
        onSuccess: () =>
          onDone(
            `Group session ${session.number} has been moved to ${formatSessionWhen({
              plannedDate: body.plannedDate,
              startTime: body.startTime ?? session.startTime,
            })}${body.moveLater ? ", and the later sessions with it." : "."}`,
          ),
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  return (
    <FormDialog
      open
      title={`Move ${sessionName(session)}`}
      submitLabel="Move the group session"
      pendingLabel="Moving…"
      pending={reschedule.isPending}
      onSubmit={handleSubmit}
      onClose={onClose}
      formRef={formRef}
    >
      <WriteErrorSummary errors={errors} onReload={reload} />
      <p>Every member’s session moves with it.</p>
      <NewSessionTimeFields session={session} timeZone={timeZone} errors={errors.fields} />
      <CheckboxField
        name="moveLater"
        label="Move the later sessions too"
        hint="Every later group session, and each member’s closing meeting, moves by the same number of days."
      />
    </FormDialog>
  );
}

/** Cancel one group session for the whole group: a reason is required. */
export function CancelGroupSessionDialog({ group, session, onClose, onDone }: DialogProps) {
  const cancel = useCancelGroupSession();
  const reload = useReloadGroup(group.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const fieldNames = ["reason"];

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (cancel.isPending) return;
    const parsed = cancelGroupSessionRequest.safeParse({
      reason: formText(new FormData(event.currentTarget), "reason"),
    });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, fields: formErrorsFromZod(parsed.error).fields });
      return;
    }
    setErrors(noWriteErrors);
    cancel.mutate(
      { groupId: group.id, groupSessionId: session.id, body: parsed.data },
      {
        onSuccess: () => onDone(`Group session ${session.number} has been cancelled for the whole group.`),
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  return (
    <FormDialog
      open
      title={`Cancel ${sessionName(session)}`}
      submitLabel="Cancel the group session"
      pendingLabel="Cancelling…"
      tone="danger"
      pending={cancel.isPending}
      onSubmit={handleSubmit}
      onClose={onClose}
      formRef={formRef}
    >
      <WriteErrorSummary errors={errors} onReload={reload} />
      <p>
        The session stays in the list as cancelled. Every member’s session is cancelled too, and their later
        sessions are numbered again. No replacement is added: to keep the number of sessions, move it instead.
      </p>
      <TextAreaField
        name="reason"
        label="Reason"
        hint="Kept in each member’s plan history."
        rows={2}
        maxLength={1000}
        required
        error={errors.fields.reason}
      />
    </FormDialog>
  );
}

/** The dialog for one action on one group session. */
export function GroupSessionDialog({ action, ...props }: DialogProps & { action: GroupSessionAction }) {
  switch (action) {
    case "attendance":
      return <AttendanceDialog {...props} />;
    case "reschedule":
      return <RescheduleGroupSessionDialog {...props} />;
    case "cancel":
      return <CancelGroupSessionDialog {...props} />;
  }
}
