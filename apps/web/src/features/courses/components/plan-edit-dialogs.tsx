import {
  cancelSessionRequest,
  dropSessionRequest,
  rescheduleSessionRequest,
  type CourseDetail,
  type SessionSummary,
} from "@ipt/shared";
import type { SubmitEvent, ReactNode } from "react";
import type { z } from "zod";
import { FormDialog } from "../../../components/form-dialog";
import { CheckboxField, NewSessionTimeFields, TextAreaField } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { formatSessionWhen } from "../../../lib/format";
import { useServiceTimeZone } from "../../../lib/service-time-zone";
import { noWriteErrors, writeErrorsFromError, type WriteErrors } from "../../../lib/write-errors";
import { useCancelSession } from "../api/cancel-session";
import type { CourseWrite } from "../api/cache";
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
  `${session.number === null ? "the session" : `session ${session.number}`} of ${formatSessionWhen(session)}`;

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A plan-edit mutation (see `useCourseMutation`). */
interface PlanWrite<Body> {
  isPending: boolean;
  mutate: (
    input: CourseWrite<Body>,
    options: { onSuccess: () => void; onError: (error: unknown) => void },
  ) => void;
}

/**
 * The dialog every plan edit shares: the form's values (with the course version and the session)
 * are checked with `schema`, then sent with `write`; `doneMessage` says what changed.
 */
function PlanEditForm<S extends z.ZodType>({
  course,
  session,
  onClose,
  onDone,
  write,
  schema,
  values,
  fieldNames,
  doneMessage,
  title,
  submitLabel,
  pendingLabel,
  tone,
  children,
}: DialogProps & {
  write: PlanWrite<z.output<S>>;
  schema: S;
  values: (data: FormData) => Record<string, unknown>;
  fieldNames: string[];
  doneMessage: (body: z.output<S>) => string;
  title: string;
  submitLabel: string;
  pendingLabel: string;
  tone?: "danger";
  children: (errors: WriteErrors) => ReactNode;
}) {
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (write.isPending) return;
    const parsed = schema.safeParse({
      version: course.version,
      sessionId: session.id,
      ...values(new FormData(event.currentTarget)),
    });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setErrors(noWriteErrors);
    write.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: () => onDone(doneMessage(parsed.data)),
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  return (
    <FormDialog
      open
      title={title}
      submitLabel={submitLabel}
      pendingLabel={pendingLabel}
      tone={tone}
      pending={write.isPending}
      onSubmit={handleSubmit}
      onClose={onClose}
      formRef={formRef}
    >
      <WriteErrorSummary errors={errors} onReload={reload} />
      {children(errors)}
    </FormDialog>
  );
}

function RescheduleDialog(props: DialogProps) {
  const { session } = props;
  const reschedule = useRescheduleSession();
  const timeZone = useServiceTimeZone();
  return (
    <PlanEditForm
      {...props}
      write={reschedule}
      schema={rescheduleSessionRequest}
      values={(data) => ({
        plannedDate: formText(data, "plannedDate"),
        startTime: formText(data, "startTime"),
        moveLater: data.has("moveLater"),
      })}
      fieldNames={fieldNamesOf(rescheduleSessionRequest, "sessionId")}
      doneMessage={(body) =>
        `${capitalised(sessionName(session))} has been moved to ${formatSessionWhen({
          plannedDate: body.plannedDate,
          startTime: body.startTime ?? session.startTime,
        })}` + (body.moveLater ? ", and later sessions with it." : ".")
      }
      title={`Reschedule ${sessionName(session)}`}
      submitLabel="Reschedule session"
      pendingLabel="Rescheduling…"
    >
      {(errors) => (
        <>
          <NewSessionTimeFields session={session} timeZone={timeZone} errors={errors.fields} />
          <CheckboxField
            name="moveLater"
            label="Move later sessions too"
            hint="Every later planned session moves by the same number of days, keeping its time."
          />
        </>
      )}
    </PlanEditForm>
  );
}

function ReasonField({ errors }: { errors: WriteErrors }) {
  return (
    <TextAreaField
      name="reason"
      label="Reason"
      rows={2}
      maxLength={1000}
      required
      error={errors.fields.reason}
    />
  );
}

function CancelDialog(props: DialogProps) {
  const { session } = props;
  const cancel = useCancelSession();
  return (
    <PlanEditForm
      {...props}
      write={cancel}
      schema={cancelSessionRequest}
      values={(data) => ({ reason: formText(data, "reason"), replace: data.has("replace") })}
      fieldNames={fieldNamesOf(cancelSessionRequest, "sessionId")}
      doneMessage={(body) =>
        body.replace
          ? `${capitalised(sessionName(session))} has been cancelled and a replacement added at the end.`
          : `${capitalised(sessionName(session))} has been cancelled.`
      }
      title={`Cancel ${sessionName(session)}`}
      submitLabel="Cancel the session"
      pendingLabel="Cancelling…"
      tone="danger"
    >
      {(errors) => (
        <>
          <p>The session stays in the list as cancelled.</p>
          <ReasonField errors={errors} />
          <CheckboxField
            name="replace"
            label="Add a replacement session at the end"
            hint="Keeps the contracted number of sessions."
          />
        </>
      )}
    </PlanEditForm>
  );
}

function DropDialog(props: DialogProps) {
  const { session } = props;
  const drop = useDropSession();
  return (
    <PlanEditForm
      {...props}
      write={drop}
      schema={dropSessionRequest}
      values={(data) => ({ reason: formText(data, "reason") })}
      fieldNames={fieldNamesOf(dropSessionRequest, "sessionId")}
      doneMessage={() => `${capitalised(sessionName(session))} has been dropped from the plan.`}
      title={`Drop ${sessionName(session)} from the plan?`}
      submitLabel="Drop session"
      pendingLabel="Dropping…"
      tone="danger"
    >
      {(errors) => (
        <>
          <p>
            The course gets one session fewer; later sessions are renumbered and their phases and agendas
            follow. The change is kept in the plan history.
          </p>
          <ReasonField errors={errors} />
        </>
      )}
    </PlanEditForm>
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
