import {
  coSignRequest,
  type CourseCoSignsResponse,
  type CoSignStatus,
  type ReviewAuthorRole,
  type ReviewTarget,
} from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SubmitButton, TextAreaField } from "../../../components/form-fields";
import { QueryFallback, SuccessMessage } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
// The panel takes only the course and target (it is mounted by the review-threads section), so it
// asks the session itself whether the viewer is a supervisor.
import { useCoSign } from "../api/co-sign";
import { useCourseCoSigns } from "../api/get-course-cosigns";
import "./cosign.css";

/** The status of one target; null for a session with none (not held, or cancelled). */
export function statusOf(
  statuses: CourseCoSignsResponse,
  target: ReviewTarget,
  sessionId: string | null,
): CoSignStatus | null {
  if (target !== "session") return statuses[target];
  return statuses.sessions.find((entry) => entry.sessionId === sessionId) ?? null;
}

/** "Not co-signed", "Co-signed by … on …" or "Changed since co-signed by … on …". */
export function CoSignStateLine({ status }: { status: CoSignStatus }) {
  const latest = status.latest;
  if (status.state === "not_cosigned" || !latest) {
    return <p className="cosign-status__state">Not co-signed</p>;
  }
  const lead = status.state === "changed_since" ? "Changed since co-signed by" : "Co-signed by";
  return (
    <p className={`cosign-status__state cosign-status__state--${status.state}`}>
      {lead} {latest.supervisor.name} on{" "}
      <time dateTime={latest.createdAt}>{formatDate(latest.createdAt)}</time>
    </p>
  );
}

/** The supervisor's co-sign: an optional note and one button naming what is signed. */
export function CoSignForm({
  courseId,
  target,
  sessionId,
  onReload,
  onSubmitting,
  onFailed,
}: {
  courseId: string;
  target: ReviewTarget;
  sessionId: string | null;
  /** Reads the co-sign states again (after "already co-signed" or a change elsewhere). */
  onReload: () => Promise<unknown>;
  /** Called as the co-signature is sent, so the parent can announce it the moment the form goes. */
  onSubmitting: () => void;
  onFailed: () => void;
}) {
  const coSign = useCoSign();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [note, setNote] = useState("");

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (coSign.isPending) return;
    const parsed = coSignRequest.safeParse({ target, note, ...(sessionId ? { sessionId } : {}) });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setErrors(noWriteErrors);
    onSubmitting();
    try {
      await coSign.mutateAsync({ courseId, body: parsed.data });
    } catch (error) {
      onFailed();
      setErrors(writeErrorsFromError(error, [coSignRequest.keyof().enum.note]));
    }
  }

  return (
    <form
      ref={formRef}
      className="form cosign-form"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
    >
      <WriteErrorSummary errors={errors} onReload={onReload} />
      <TextAreaField
        name="note"
        label="Co-sign note (optional)"
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        error={errors.fields.note}
      />
      <SubmitButton pending={coSign.isPending} pendingLabel="Co-signing…">
        Co-sign {target}
      </SubmitButton>
    </form>
  );
}

/**
 * One target's co-sign status as read (no fetching): the state, the supervisor's note, why it
 * cannot be co-signed yet, whether the organisation requires it, and for supervisors the co-sign form.
 */
export function CoSignStatusView({
  courseId,
  target,
  status,
  sessionNumber = null,
  requiredBeforeMiddle,
  canCoSign,
  onReload,
}: {
  courseId: string;
  target: ReviewTarget;
  /** Null for a session that is not held (yet): only held sessions are co-signed. */
  status: CoSignStatus | null;
  /** Names a session that has no status yet. */
  sessionNumber?: number | null;
  requiredBeforeMiddle: boolean;
  /** The viewer is a supervisor (the API checks the assignment). */
  canCoSign: boolean;
  onReload: () => Promise<unknown>;
}) {
  // Set when the supervisor sends a co-signature: the form disappears when the new state arrives,
  // and "Co-signed." takes its place in the same render (no layout shift under the pointer).
  const [submitted, setSubmitted] = useState(false);
  // Changes after a reload, so the form starts again without the error that asked for it.
  const [formKey, setFormKey] = useState(0);
  const required = requiredBeforeMiddle && target !== "session";
  const offerForm = canCoSign && status !== null && status.blocker === null && status.state !== "cosigned";
  return (
    <div className="cosign-status">
      {status ? <CoSignStateLine status={status} /> : <p className="cosign-status__state">Not co-signed</p>}
      {status?.latest?.note ? (
        <p className="cosign-status__note">
          Note: <q>{status.latest.note}</q>
        </p>
      ) : null}
      {status === null ? (
        <p>
          {sessionNumber ? `Session ${sessionNumber}` : "A session"} can be co-signed once it has been held.
        </p>
      ) : null}
      {status?.blocker ? <p className="cosign-status__blocker">{status.blocker}</p> : null}
      {required ? <p className="cosign-status__required">Required before the middle phase.</p> : null}
      {submitted && status?.state === "cosigned" ? (
        <SuccessMessage focusOnMount>Co-signed.</SuccessMessage>
      ) : null}
      {offerForm ? (
        <CoSignForm
          key={formKey}
          courseId={courseId}
          target={target}
          sessionId={status.sessionId}
          onReload={async () => {
            await onReload();
            setFormKey((key) => key + 1);
          }}
          onSubmitting={() => setSubmitted(true)}
          onFailed={() => setSubmitted(false)}
        />
      ) : null}
    </div>
  );
}

/**
 * The co-sign status of the course's formulation, its plan or one session, read from the course's
 * co-sign states (one request shared by every panel on the page). The parent section gives the heading.
 */
export function CoSignStatusPanel({
  courseId,
  target,
  sessionId = null,
  sessionNumber = null,
  viewerRole,
}: {
  courseId: string;
  target: ReviewTarget;
  sessionId?: string | null;
  sessionNumber?: number | null;
  /** Only supervisors co-sign; the therapist sees the status. */
  viewerRole: ReviewAuthorRole;
}) {
  const statuses = useCourseCoSigns(courseId);
  if (statuses.isPending || statuses.isError) {
    return (
      <QueryFallback
        query={statuses}
        loading="Loading the co-signatures…"
        errorTitle="The co-signatures could not be loaded."
      />
    );
  }
  return (
    <CoSignStatusView
      courseId={courseId}
      target={target}
      status={statusOf(statuses.data, target, sessionId)}
      sessionNumber={sessionNumber}
      requiredBeforeMiddle={statuses.data.requiredBeforeMiddle}
      canCoSign={viewerRole === "supervisor"}
      onReload={() => statuses.refetch()}
    />
  );
}
