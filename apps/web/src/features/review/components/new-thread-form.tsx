import { openReviewThreadRequest, reviewThreadKind, type ReviewAuthorRole } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { TextAreaField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import type { ThreadScope } from "../api/list-review-threads";
import { useOpenReviewThread } from "../api/open-review-thread";

const sentMessages = { comment: "Comment added.", change_request: "Change request sent." } as const;

/**
 * Starts a thread. One text box; the button chosen sets the kind: everyone may add a comment, a
 * supervisor may instead request changes (the API refuses a therapist's change request).
 */
export function NewThreadForm({
  scope,
  viewerRole,
  onReload,
}: {
  scope: ThreadScope;
  viewerRole: ReviewAuthorRole;
  onReload: () => Promise<unknown>;
}) {
  const openThread = useOpenReviewThread();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);
  const pendingKind = openThread.isPending ? openThread.variables.body.kind : null;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (openThread.isPending) return;
    const form = event.currentTarget;
    const submitter = event.nativeEvent.submitter;
    const chosen = reviewThreadKind.safeParse(submitter?.getAttribute("value"));
    const kind = chosen.success && viewerRole === "supervisor" ? chosen.data : "comment";
    const parsed = openReviewThreadRequest.safeParse({
      target: scope.target,
      sessionId: scope.target === "session" ? (scope.sessionId ?? undefined) : undefined,
      kind,
      body: formText(new FormData(form), "body"),
    });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setStatus(null);
    setErrors(noWriteErrors);
    openThread.mutate(
      { courseId: scope.courseId, body: parsed.data },
      {
        onSuccess: () => {
          form.reset();
          setStatus(sentMessages[kind]);
        },
        onError: (error) =>
          setErrors(writeErrorsFromError(error, [openReviewThreadRequest.keyof().enum.body])),
      },
    );
  }

  return (
    <form ref={formRef} className="form form--wide review-threads__new" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={onReload} />
      <TextAreaField
        name="body"
        label="New comment"
        rows={3}
        maxLength={4000}
        required
        error={errors.fields.body}
      />
      <div className="button-row button-row--tight">
        {/* Both stay focusable while a request is in flight; the form ignores submits meanwhile. */}
        <button
          type="submit"
          name="kind"
          value="comment"
          className="button"
          aria-disabled={pendingKind !== null || undefined}
        >
          {pendingKind === "comment" ? "Adding…" : "Add comment"}
        </button>
        {viewerRole === "supervisor" ? (
          <button
            type="submit"
            name="kind"
            value="change_request"
            className="button button--secondary"
            aria-disabled={pendingKind !== null || undefined}
          >
            {pendingKind === "change_request" ? "Sending…" : "Request changes"}
          </button>
        ) : null}
      </div>
      <LiveStatus message={status} />
    </form>
  );
}
