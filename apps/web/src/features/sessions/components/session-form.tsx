import {
  parentAttendanceLabels,
  parentAttendances,
  parentAttendanceSources,
  techniqueGuidance,
  techniques,
  updateSessionRequest,
  type ParentAttendance,
  type SessionDetail,
  type Technique,
} from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { Link } from "react-router";
import { SourceTags } from "../../../components/clinical/source-tags";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { CheckboxField, ChoiceGroup, SubmitButton, TextAreaField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { paths } from "../../../config/paths";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadSession } from "../api/get-session";
import { useSignSession } from "../api/sign-session";
import { useUpdateSession } from "../api/update-session";
import { AgendaEditor } from "./agenda-editor";
import { draftChanges, draftFrom, withStatus, type EditableStatus, type SessionDraft } from "./session-draft";

const fieldNames = fieldNamesOf(updateSessionRequest);

const statusOptions: { value: EditableStatus; label: string }[] = [
  { value: "held", label: "Held" },
  { value: "no_show", label: "Did not attend" },
  { value: "planned", label: "Planned" },
];

const techniqueOptions = techniques.map((technique) => ({
  value: technique,
  label: techniqueGuidance[technique].label,
  hint: (
    <>
      {techniqueGuidance[technique].definition} <SourceTags tags={techniqueGuidance[technique].sources} />
    </>
  ),
}));

/** The radio value of "not recorded" (the API's null). */
const NOT_RECORDED = "not_recorded";

const parentAttendanceOptions = [
  { value: NOT_RECORDED, label: "Not recorded" },
  ...parentAttendances.map((value) => ({ value, label: parentAttendanceLabels[value] })),
];

const textAreas = [
  { name: "incident", label: "Interpersonal incident worked on", rows: 3, maxLength: 5000 },
  { name: "notes", label: "Notes", rows: 6, maxLength: 20000 },
  { name: "betweenSessionWork", label: "Between-session work", rows: 2, maxLength: 2000 },
  { name: "nextFocus", label: "Focus for next time", rows: 2, maxLength: 1000 },
] as const;

/**
 * The record of one session while it can still change: status, agenda, techniques and notes.
 * "Sign and lock" saves anything unsaved first, then signs.
 */
export function SessionForm({ session, onSigned }: { session: SessionDetail; onSigned: () => void }) {
  const updateSession = useUpdateSession();
  const signSession = useSignSession();
  const reload = useReloadSession(session.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [draft, setDraft] = useState<SessionDraft>(() => draftFrom(session));
  const [status, setStatus] = useState<string | null>(null);
  const [confirmingSign, setConfirmingSign] = useState(false);
  const changes = draftChanges(session, draft);
  const unsaved = Object.keys(changes).length > 0;
  const pending = updateSession.isPending || signSession.isPending;
  // The API refuses to sign while a risk flag raised here has no follow-up; say so before it does.
  const followUpNeeded = session.riskFlags.some((flag) => !flag.resolvedAt && flag.followUps.length === 0);

  const edit = (patch: Partial<SessionDraft>) => {
    setStatus(null);
    setDraft((current) => ({ ...current, ...patch }));
  };

  /** Saves what changed; answers with the version to sign, or null when the save failed. */
  async function save(): Promise<number | null> {
    if (!unsaved) return session.version;
    const parsed = updateSessionRequest.safeParse({ version: session.version, ...changes });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return null;
    }
    setErrors(noWriteErrors);
    try {
      const saved = await updateSession.mutateAsync({ sessionId: session.id, body: parsed.data });
      return saved.version;
    } catch (error) {
      setErrors(writeErrorsFromError(error, fieldNames));
      return null;
    }
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!unsaved) {
      setStatus("There are no changes to save.");
      return;
    }
    if ((await save()) !== null) setStatus("Session saved.");
  }

  async function signAndLock() {
    if (pending) return;
    const version = await save();
    if (version === null) {
      setConfirmingSign(false);
      return;
    }
    try {
      await signSession.mutateAsync({ sessionId: session.id, body: { version } });
      setConfirmingSign(false);
      onSigned();
    } catch (error) {
      setConfirmingSign(false);
      setErrors(writeErrorsFromError(error, fieldNames));
    }
  }

  return (
    <form ref={formRef} className="form form--wide" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <ChoiceGroup
        type="radio"
        name="status"
        legend="Status"
        hint={
          session.scores.length > 0
            ? "Scores are recorded at this session, so it stays held."
            : "Held or did not attend can be recorded on or after the session date."
        }
        options={statusOptions}
        selected={[draft.status]}
        onToggle={(value) => {
          setStatus(null);
          setDraft((current) => withStatus(current, value as EditableStatus));
        }}
        error={errors.fields.status}
      />
      {session.course.format === "ipt_a" && draft.status === "held" ? (
        <ChoiceGroup
          type="radio"
          name="parentAttendance"
          legend="Parent or carer attendance (IPT-A)"
          hint={
            <>
              Parents or carers are strongly encouraged to take part at three points: the start, the middle
              phase (a joint part if the problem area involves a parent) and the end.{" "}
              <SourceTags tags={parentAttendanceSources} />
            </>
          }
          options={parentAttendanceOptions}
          selected={[draft.parentAttendance ?? NOT_RECORDED]}
          onToggle={(value) =>
            edit({ parentAttendance: value === NOT_RECORDED ? null : (value as ParentAttendance) })
          }
          error={errors.fields.parentAttendance}
        />
      ) : null}
      {session.riskReview.required ? (
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Risk review (needed before signing)</legend>
          <p className="field__hint">
            A risk flag was raised earlier in this course. {session.riskReview.synthesisNote}{" "}
            <SourceTags tags={session.riskReview.sources} />
          </p>
          <CheckboxField
            name="riskReviewDone"
            label={session.riskReview.text}
            checked={draft.riskReviewDone}
            onChange={(event) => edit({ riskReviewDone: event.currentTarget.checked })}
          />
          <TextAreaField
            name="riskReviewNote"
            label="What was found (or why it could not be asked, e.g. the client did not attend)"
            rows={2}
            maxLength={2000}
            value={draft.riskReviewNote}
            onChange={(event) => edit({ riskReviewNote: event.currentTarget.value })}
            error={errors.fields.riskReviewNote}
          />
        </fieldset>
      ) : null}
      <AgendaEditor
        agenda={draft.agenda}
        onChange={(agenda) => edit({ agenda })}
        error={errors.fields.agenda}
      />
      <ChoiceGroup
        type="checkbox"
        name="techniques"
        legend="Techniques used"
        options={techniqueOptions}
        selected={draft.techniques}
        onToggle={(value, checked) =>
          edit({
            techniques: checked
              ? [...draft.techniques, value as Technique]
              : draft.techniques.filter((technique) => technique !== value),
          })
        }
        error={errors.fields.techniques}
      />
      {textAreas.map((field) => (
        <TextAreaField
          key={field.name}
          name={field.name}
          label={field.label}
          rows={field.rows}
          maxLength={field.maxLength}
          value={draft[field.name]}
          onChange={(event) => edit({ [field.name]: event.currentTarget.value })}
          error={errors.fields[field.name]}
        />
      ))}
      <LiveStatus message={status} />
      {unsaved ? <p className="muted">You have unsaved changes.</p> : null}
      {followUpNeeded ? (
        <p className="notice notice--error">
          Signing needs a safety follow-up first: record it under the risk flag in{" "}
          <Link to={paths.therapist.sessionSection.measures.getHref(session.id)}>Measures</Link>.
        </p>
      ) : null}
      {/* Kept in view at the bottom of the screen while the record is being written. */}
      <div className="action-bar" role="group" aria-labelledby="sign-heading">
        <h3 id="sign-heading" tabIndex={-1} className="visually-hidden">
          Save or sign the record
        </h3>
        <SubmitButton pending={updateSession.isPending && !confirmingSign} pendingLabel="Saving…">
          Save session
        </SubmitButton>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setStatus(null);
            signSession.reset();
            setConfirmingSign(true);
          }}
        >
          Sign and lock
        </button>
      </div>
      <ConfirmDialog
        open={confirmingSign}
        title="Sign and lock this session?"
        confirmLabel="Sign and lock"
        pendingLabel="Signing…"
        pending={pending}
        onConfirm={() => void signAndLock()}
        onCancel={() => setConfirmingSign(false)}
      >
        <p>
          Once signed, the record cannot be changed. Corrections are added as amendments below the original.
          {unsaved ? " Your unsaved changes will be saved first." : ""}
        </p>
      </ConfirmDialog>
    </form>
  );
}
