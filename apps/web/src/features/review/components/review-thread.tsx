import {
  resolveReviewThreadRequest,
  reviewReplyRequest,
  type ReviewAuthorRole,
  type ReviewMessage,
  type ReviewThread,
} from "@ipt/shared";
import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { SubmitButton, TextAreaField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReplyReviewThread } from "../api/reply-review-thread";
import { useResolveReviewThread } from "../api/resolve-review-thread";
import { threadKindLabels, threadStatusLabels } from "./labels";

export type HeadingLevel = 3 | 4;

function Message({ message }: { message: ReviewMessage }) {
  return (
    <li className="review-message">
      <p className="review-message__meta">
        <span className="review-message__author">{message.author.name}</span> ({message.authorRole}),{" "}
        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
      </p>
      <p className="prewrap">{message.body}</p>
    </li>
  );
}

/** Another message on an open thread, from either side. */
function ReplyForm({ thread, onReload }: { thread: ReviewThread; onReload: () => Promise<unknown> }) {
  const reply = useReplyReviewThread();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reply.isPending) return;
    const form = event.currentTarget;
    const parsed = reviewReplyRequest.safeParse({ body: formText(new FormData(form), "body") });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setStatus(null);
    setErrors(noWriteErrors);
    reply.mutate(
      { threadId: thread.id, body: parsed.data },
      {
        onSuccess: () => {
          form.reset();
          setStatus("Reply sent.");
        },
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNamesOf(reviewReplyRequest))),
      },
    );
  }

  return (
    <form ref={formRef} className="form form--wide review-thread__form" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={onReload} />
      <TextAreaField
        name="body"
        label="Reply"
        rows={2}
        maxLength={4000}
        required
        error={errors.fields.body}
      />
      <SubmitButton pending={reply.isPending} pendingLabel="Sending…" className="button button--secondary">
        Send reply
      </SubmitButton>
      <LiveStatus message={status} />
    </form>
  );
}

/**
 * The therapist closes the thread, optionally saying what changed. It names the version read, so a
 * reply that arrived meanwhile is not resolved unseen (409: reload).
 */
export function ResolveForm({
  thread,
  onCancel,
  onResolved,
  onReload,
}: {
  thread: ReviewThread;
  onCancel: () => void;
  onResolved: () => void;
  onReload: () => Promise<unknown>;
}) {
  const resolve = useResolveReviewThread();
  const { formRef, errors, setErrors } = useWriteErrors();
  // Opened by "Mark resolved": the user goes on in its text box.
  useEffect(() => {
    formRef.current?.querySelector("textarea")?.focus();
  }, [formRef]);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (resolve.isPending) return;
    const parsed = resolveReviewThreadRequest.safeParse({
      version: thread.version,
      resolution: formText(new FormData(event.currentTarget), "resolution"),
    });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setErrors(noWriteErrors);
    try {
      // Awaited rather than a callback of mutate: the resolved thread replaces this form.
      await resolve.mutateAsync({ threadId: thread.id, body: parsed.data });
      onResolved();
    } catch (error) {
      setErrors(writeErrorsFromError(error, fieldNamesOf(resolveReviewThreadRequest)));
    }
  }

  return (
    <form
      ref={formRef}
      className="form form--wide review-thread__form"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
    >
      <WriteErrorSummary errors={errors} onReload={onReload} />
      <TextAreaField
        name="resolution"
        label="What changed (optional)"
        rows={2}
        maxLength={2000}
        error={errors.fields.resolution}
      />
      <div className="button-row button-row--tight">
        <SubmitButton pending={resolve.isPending} pendingLabel="Resolving…">
          Confirm resolved
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** "Mark resolved" opens the resolve form; cancelling returns focus to the button. */
function ResolveControl({
  thread,
  onResolved,
  onReload,
}: {
  thread: ReviewThread;
  onResolved: () => void;
  onReload: () => Promise<unknown>;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  if (open) {
    return (
      <ResolveForm
        thread={thread}
        onReload={onReload}
        onResolved={onResolved}
        onCancel={() => {
          setOpen(false);
          requestAnimationFrame(() => buttonRef.current?.focus());
        }}
      />
    );
  }
  return (
    <button ref={buttonRef} type="button" className="button button--secondary" onClick={() => setOpen(true)}>
      Mark resolved
    </button>
  );
}

/** Who resolved the thread, when, and what they said changed. */
function Resolution({ thread }: { thread: ReviewThread }) {
  return (
    <div className="review-thread__resolution">
      <p>
        Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ""}
        {thread.resolvedAt ? (
          <>
            {" "}
            on <time dateTime={thread.resolvedAt}>{formatDateTime(thread.resolvedAt)}</time>
          </>
        ) : null}
        .
      </p>
      {thread.resolution ? <p className="prewrap">{thread.resolution}</p> : null}
    </div>
  );
}

/**
 * One thread: its kind and status, the messages oldest first, then either how it was resolved or
 * a reply form (and, for the therapist, "Mark resolved"). Supervisors never resolve.
 */
export function ReviewThreadArticle({
  thread,
  viewerRole,
  headingLevel,
  onReload,
}: {
  thread: ReviewThread;
  viewerRole: ReviewAuthorRole;
  headingLevel: HeadingLevel;
  onReload: () => Promise<unknown>;
}) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  const Heading = `h${headingLevel}` as const;
  const open = thread.status === "open";
  return (
    <article className={`review-thread review-thread--${thread.status}`} aria-labelledby={headingId}>
      <div className="review-thread__header">
        <Heading id={headingId} ref={headingRef} tabIndex={-1} className="review-thread__title">
          {threadKindLabels[thread.kind]}
        </Heading>
        <span className={`badge ${open ? "badge--open" : "badge--success"}`}>
          {threadStatusLabels[thread.status]}
        </span>
      </div>
      <ol className="review-thread__messages">
        {thread.messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
      </ol>
      {open ? null : <Resolution thread={thread} />}
      {open ? <ReplyForm thread={thread} onReload={onReload} /> : null}
      {open && viewerRole === "therapist" ? (
        <ResolveControl
          thread={thread}
          onReload={onReload}
          onResolved={() => {
            // The controls are gone: keep the user on this thread and say what happened.
            setStatus("Marked resolved.");
            headingRef.current?.focus();
          }}
        />
      ) : null}
      <LiveStatus message={status} />
    </article>
  );
}
