import {
  cancelSessionRequest,
  dropSessionRequest,
  rescheduleSessionRequest,
  type CourseDetail,
  type SessionSummary,
} from "@ipt/shared";
import type { FormEvent } from "react";
import { FormDialog } from "../../../components/form-dialog";
import { CheckboxField, TextAreaField, TextField } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { formatCalendarDate } from "../../../lib/format";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useCancelSession } from "../api/cancel-session";
import { useDropSession } from "../api/drop-session";
import { useReloadCourse } from "../api/get-course";
import { useRescheduleSession } from "../api/reschedule-session";

export type PlanEdit = "reschedule" | "cancel" | "drop";

interface DialogProps {
  course: CourseDetail;
  session: SessionSummary;
  onClose: () => void;
  /** After the server accepted the change, with what to announce. */
  onDone: (message: string) => void;
}

const sessionName = (session: SessionSummary) =>
  `${session.number === null ? "the session" : `session ${session.number}`} of ${formatCalendarDate(session.plannedDate)}`;

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

function RescheduleDialog({ course, session, onClose, onDone }: DialogProps) {
  const reschedule = useRescheduleSession();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reschedule.isPending) return;
    const data = new FormData(event.currentTarget);
    const parsed = rescheduleSessionRequest.safeParse({
      version: course.version,
      sessionId: session.id,
      plannedDate: formText(data, "plannedDate"),
      moveLater: data.has("moveLater"),
    });
    if (!parsed.success) return setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
    setErrors(noWriteErrors);
    reschedule.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: () =>
          onDone(
            `${capitalised(sessionName(session))} has been moved to ${formatCalendarDate(parsed.data.plannedDate)}` +
              (parsed.data.moveLater ? ", and later sessions with it." : "."),
          ),
        onError: (error) => setErrors(writeErrorsFromError(error, ["plannedDate", "moveLater"])),
      },
    );
  }

  return (
    <FormDialog
      open
      title={`Reschedule ${sessionName(session)}`}
      submitLabel="Reschedule session"
      pendingLabel="Rescheduling…"
      pending={reschedule.isPending}
      onSubmit={handleSubmit}
      onClose={onClose}
      formRef={formRef}
    >
      <WriteErrorSummary errors={errors} onReload={reload} />
      <TextField
        name="plannedDate"
        type="date"
        label="New date"
        defaultValue={session.plannedDate}
        required
        error={errors.fields.plannedDate}
      />
      <CheckboxField
        name="moveLater"
        label="Move later sessions too"
        hint="Every later planned session moves by the same number of days."
      />
    </FormDialog>
  );
}

function CancelDialog({ course, session, onClose, onDone }: DialogProps) {
  const cancel = useCancelSession();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (cancel.isPending) return;
    const data = new FormData(event.currentTarget);
    const parsed = cancelSessionRequest.safeParse({
      version: course.version,
      sessionId: session.id,
      reason: formText(data, "reason"),
      replace: data.has("replace"),
    });
    if (!parsed.success) return setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
    setErrors(noWriteErrors);
    cancel.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: () =>
          onDone(
            parsed.data.replace
              ? `${capitalised(sessionName(session))} has been cancelled and a replacement added at the end.`
              : `${capitalised(sessionName(session))} has been cancelled.`,
          ),
        onError: (error) => setErrors(writeErrorsFromError(error, ["reason", "replace"])),
      },
    );
  }

  return (
    <FormDialog
      open
      title={`Cancel ${sessionName(session)}`}
      submitLabel="Cancel the session"
      pendingLabel="Cancelling…"
      tone="danger"
      pending={cancel.isPending}
      onSubmit={handleSubmit}
      onClose={onClose}
      formRef={formRef}
    >
      <WriteErrorSummary errors={errors} onReload={reload} />
      <p>The session stays in the list as cancelled.</p>
      <TextAreaField
        name="reason"
        label="Reason"
        rows={2}
        maxLength={1000}
        required
        error={errors.fields.reason}
      />
      <CheckboxField
        name="replace"
        label="Add a replacement session at the end"
        hint="Keeps the contracted number of sessions."
      />
    </FormDialog>
  );
}

function DropDialog({ course, session, onClose, onDone }: DialogProps) {
  const drop = useDropSession();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (drop.isPending) return;
    const parsed = dropSessionRequest.safeParse({
      version: course.version,
      sessionId: session.id,
      reason: formText(new FormData(event.currentTarget), "reason"),
    });
    if (!parsed.success) return setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
    setErrors(noWriteErrors);
    drop.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: () => onDone(`${capitalised(sessionName(session))} has been dropped from the plan.`),
        onError: (error) => setErrors(writeErrorsFromError(error, ["reason"])),
      },
    );
  }

  return (
    <FormDialog
      open
      title={`Drop ${sessionName(session)} from the plan?`}
      submitLabel="Drop session"
      pendingLabel="Dropping…"
      tone="danger"
      pending={drop.isPending}
      onSubmit={handleSubmit}
      onClose={onClose}
      formRef={formRef}
    >
      <WriteErrorSummary errors={errors} onReload={reload} />
      <p>
        The course gets one session fewer; later sessions are renumbered and their phases and agendas follow.
        The change is kept in the plan history.
      </p>
      <TextAreaField
        name="reason"
        label="Reason"
        rows={2}
        maxLength={1000}
        required
        error={errors.fields.reason}
      />
    </FormDialog>
  );
}

/** The dialog for one plan change to one planned session. */
export function PlanEditDialog({ edit, ...props }: DialogProps & { edit: PlanEdit }) {
  switch (edit) {
    case "reschedule":
      return <RescheduleDialog {...props} />;
    case "cancel":
      return <CancelDialog {...props} />;
    case "drop":
      return <DropDialog {...props} />;
  }
}
