import {
  defaultLinkInstruments,
  instrumentDefinitions,
  questionnaireInstrumentOrder,
  type QuestionnaireInstrument,
  type IssuedQuestionnaireLinkResponse,
  type QuestionnaireLink,
} from "@ipt/shared";
import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { CopyOnceField } from "../../../components/copy-once-field";
import {
  CheckboxField,
  ChoiceGroup,
  FormAlert,
  SelectField,
  SubmitButton,
} from "../../../components/form-fields";
import { LiveStatus, QueryFallback } from "../../../components/states";
import { TableWrap } from "../../../components/table-wrap";
import { formatDateTime, formatSessionWhen } from "../../../lib/format";
import { writeErrorsFromError } from "../../../lib/write-errors";
import {
  useIssueQuestionnaireLink,
  useQuestionnaireLinks,
  useRevokeQuestionnaireLink,
} from "../api/questionnaire-links";
import { formsOf, isRevocable, linkStatusLabels } from "./questionnaire-labels";
import { QrCode } from "./qr-code";
import "./questionnaires.css";

/** A session the client can be sent questionnaires for. */
export interface LinkableSession {
  id: string;
  number: number | null;
  status: string;
  plannedDate: string;
  startTime: string;
}

const sessionName = (session: LinkableSession) =>
  `${session.number === null ? "Session" : `Session ${session.number}`} — ${formatSessionWhen(session)}`;

function errorText(error: unknown): string | null {
  if (!error) return null;
  const errors = writeErrorsFromError(error, ["instruments", "sendEmail"]);
  return (
    [errors.message, ...errors.missing, ...Object.values(errors.fields)].filter(Boolean).join(" ") || null
  );
}

type EmailOutcome = IssuedQuestionnaireLinkResponse["email"];

/** The link and its QR code, right after issuing: the server keeps only the token's hash. */
function NewLink({ url, link, email }: { url: string; link: QuestionnaireLink; email: EmailOutcome }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section className="notice notice--important temp-password" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="temp-password__title">
        Personal link for the client ({formsOf(link)})
      </h3>
      {email === "sent" ? <p>E-mailed to the client’s address on record.</p> : null}
      {email === "failed" ? (
        <p role="alert">
          <strong>The e-mail could not be sent.</strong> The link below works all the same: copy it for the
          client or show them the QR code.
        </p>
      ) : null}
      <CopyOnceField label="Questionnaire link" value={url} what="link" />
      <QrCode text={url} label="QR code of the questionnaire link, for the client's phone" />
      <p>
        <strong>This link is shown only once.</strong> Give it only to the client: anyone who has it can
        answer the questionnaires. It works once and stops on {formatDateTime(link.expiresAt)}.
      </p>
    </section>
  );
}

function LinksTable({
  links,
  sessions,
  onRevoke,
}: {
  links: readonly QuestionnaireLink[];
  sessions: readonly LinkableSession[];
  onRevoke: (link: QuestionnaireLink) => void;
}) {
  const caption = "Questionnaires sent to the client";
  if (links.length === 0) return <p className="muted">No questionnaires sent yet.</p>;
  const numberOf = new Map(sessions.map((session) => [session.id, session.number]));
  return (
    <TableWrap label={caption}>
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Questionnaires</th>
            <th scope="col">Status</th>
            <th scope="col">Sent</th>
            <th scope="col">Opened</th>
            <th scope="col">Completed or ends</th>
            <th scope="col">Revoke</th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => {
            const number = link.sessionNumber ?? numberOf.get(link.sessionId) ?? null;
            const session = number === null ? "Session" : `Session ${number}`;
            return (
              <tr key={link.id}>
                <th scope="row">{session}</th>
                <td>{formsOf(link)}</td>
                <td>
                  <span className={`link-status link-status--${link.status}`}>
                    {linkStatusLabels[link.status]}
                  </span>
                </td>
                <td className="cell--nowrap">{link.sentAt ? formatDateTime(link.sentAt) : "—"}</td>
                <td className="cell--nowrap">{link.openedAt ? formatDateTime(link.openedAt) : "—"}</td>
                <td className="cell--nowrap">
                  {link.completedAt
                    ? formatDateTime(link.completedAt)
                    : link.revokedAt
                      ? `Revoked ${formatDateTime(link.revokedAt)}`
                      : formatDateTime(link.expiresAt)}
                </td>
                <td>
                  {isRevocable(link) ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => onRevoke(link)}
                    >
                      Revoke<span className="visually-hidden"> the link for {session.toLowerCase()}</span>
                    </button>
                  ) : (
                    <span className="cell__note">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * "Send questionnaires": the therapist picks a planned session (or is on its page) and PHQ-9, GAD-7
 * or both (ticked as the measurement schedule asks), and gets a personal link and QR code for the
 * client's phone, shown once. Below, every link of the course (or of this session) with its status
 * and a Revoke button while the client may still use it.
 */
export function QuestionnaireLinksPanel({
  courseId,
  sessions,
  fixedSessionId,
  canSend,
  dueSessions,
}: {
  courseId: string;
  /** The course's sessions (for the picker and the list's session numbers). */
  sessions: readonly LinkableSession[];
  /** On a session's page: links for this session only. */
  fixedSessionId?: string;
  /** False when the course has ended: the list stays, the form goes. */
  canSend: boolean;
  /** The measurement schedule's session numbers (PHQ-9 and GAD-7 are ticked there); empty while unknown. */
  dueSessions: readonly number[];
}) {
  const links = useQuestionnaireLinks(courseId);
  const issue = useIssueQuestionnaireLink(courseId);
  const revoke = useRevokeQuestionnaireLink(courseId);
  const sendable = sessions.filter(
    (session) => session.status === "planned" && (!fixedSessionId || session.id === fixedSessionId),
  );
  const [sessionId, setSessionId] = useState<string>(fixedSessionId ?? sendable[0]?.id ?? "");
  const [chosen, setChosen] = useState<QuestionnaireInstrument[] | null>(null);
  const [issued, setIssued] = useState<{ url: string; link: QuestionnaireLink; email: EmailOutcome } | null>(
    null,
  );
  const [byEmail, setByEmail] = useState(false);
  const [revoking, setRevoking] = useState<QuestionnaireLink | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | undefined>(undefined);

  const session = sessions.find((candidate) => candidate.id === sessionId) ?? null;
  const instruments = chosen ?? defaultLinkInstruments(session?.number ?? null, dueSessions);
  // E-mail is offered only when the service configured it and the client's record has an address.
  const email = links.data?.email;
  const canEmail = email?.available === true && email.clientHasEmail;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (issue.isPending || !session) return;
    if (instruments.length === 0) {
      setChoiceError("Choose PHQ-9, GAD-7 or both.");
      return;
    }
    setChoiceError(undefined);
    setStatus(null);
    issue.mutate(
      { sessionId: session.id, body: { instruments, ...(canEmail && byEmail ? { sendEmail: true } : {}) } },
      {
        onSuccess: ({ path, link, email }) => {
          setIssued({ url: new URL(path, window.location.origin).href, link, email });
          setChosen(null);
        },
      },
    );
  };

  const shown = (links.data?.links ?? []).filter(
    (link) => !fixedSessionId || link.sessionId === fixedSessionId,
  );

  return (
    <div className="stack questionnaire-links">
      <LiveStatus message={status} />
      {canSend && sendable.length > 0 ? (
        <form onSubmit={submit} noValidate>
          <p>
            The client fills them in on their own phone or a tablet before the session; the answers appear
            here as soon as they are sent, marked “completed by the client”.
          </p>
          {fixedSessionId ? null : (
            <SelectField
              name="sessionId"
              label="For session"
              value={sessionId}
              onChange={(event) => {
                setSessionId(event.currentTarget.value);
                setChosen(null);
              }}
            >
              {sendable.map((option) => (
                <option key={option.id} value={option.id}>
                  {sessionName(option)}
                </option>
              ))}
            </SelectField>
          )}
          <ChoiceGroup
            type="checkbox"
            name="instruments"
            legend="Questionnaires"
            hint="Ticked as the measurement schedule asks for this session."
            error={choiceError}
            options={questionnaireInstrumentOrder.map((instrument) => ({
              value: instrument,
              label: instrumentDefinitions[instrument].name,
            }))}
            selected={instruments}
            onToggle={(value, checked) => {
              const next = new Set<string>(instruments);
              if (checked) next.add(value);
              else next.delete(value);
              setChosen(questionnaireInstrumentOrder.filter((instrument) => next.has(instrument)));
            }}
          />
          {canEmail ? (
            <CheckboxField
              name="sendEmail"
              label="Send by e-mail to the address on record"
              hint="The message holds the service’s name and the link, nothing else. You also get the link and QR code here."
              checked={byEmail}
              onChange={(event) => setByEmail(event.currentTarget.checked)}
            />
          ) : email?.available ? (
            <p className="muted">To send it by e-mail, add the client’s e-mail address to their record.</p>
          ) : null}
          <FormAlert message={errorText(issue.error)} />
          <SubmitButton pending={issue.isPending} pendingLabel="Sending…">
            Send questionnaires
          </SubmitButton>
        </form>
      ) : canSend ? (
        <p className="muted">
          {fixedSessionId
            ? "Questionnaires can be sent for a planned session only."
            : "There is no planned session to send questionnaires for."}
        </p>
      ) : null}
      {issued ? <NewLink key={issued.url} url={issued.url} link={issued.link} email={issued.email} /> : null}
      {links.data ? (
        <LinksTable
          links={shown}
          sessions={sessions}
          onRevoke={(link) => {
            setStatus(null);
            revoke.reset();
            setRevoking(link);
          }}
        />
      ) : (
        <QueryFallback
          query={links}
          loading="Loading the questionnaires sent…"
          errorTitle="The questionnaires sent could not be loaded."
        />
      )}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this questionnaire link?"
        confirmLabel="Revoke link"
        pendingLabel="Revoking…"
        tone="danger"
        pending={revoke.isPending}
        error={errorText(revoke.error)}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              setRevoking(null);
              if (issued?.link.id === revoking.id) setIssued(null);
              setStatus("The link has been revoked. It no longer works.");
            },
          });
        }}
      >
        <p>The client’s link stops working at once. You can send a new one.</p>
      </ConfirmDialog>
    </div>
  );
}
