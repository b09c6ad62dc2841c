import { instrumentDefinitions, type MeasureScore, type RecordMeasureResponse } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { FormDialog } from "../../../components/form-dialog";
import { TextAreaField } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { noWriteErrors } from "../../../lib/write-errors";
import { useCorrectMeasure } from "../api/correct-measure";
import { instrumentName, sessionLabel } from "./labels";
import {
  correctionBody,
  emptyValues,
  entryErrorsFromError,
  valuesOfScore,
  type EntryValues,
} from "./measure-entry";
import { MeasureFields } from "./measure-fields";

/** The header of the column of Correct buttons, named for screen readers only. */
export function CorrectColumnHeader() {
  return (
    <th scope="col">
      <span className="visually-hidden">Actions</span>
    </th>
  );
}

/**
 * The Correct button on a score's row. Its hidden words name the score for screen readers; `withSession`
 * adds its session, for a list of the whole course's scores.
 */
export function CorrectScoreButton({
  score,
  withSession,
  onCorrect,
}: {
  score: MeasureScore;
  withSession: boolean;
  onCorrect: (score: MeasureScore) => void;
}) {
  return (
    <button type="button" className="button button--secondary button--small" onClick={() => onCorrect(score)}>
      Correct
      <span className="visually-hidden">
        {` the ${instrumentName(score)} score`}
        {withSession ? ` of ${sessionLabel(score.sessionNumber).toLowerCase()}` : ""}
      </span>
    </button>
  );
}

/**
 * A correction of a recorded score, starting from its answers. The original stays on record,
 * marked as corrected, with the reason given here. Open while `score` is set.
 */
export function CorrectScoreDialog({
  score,
  courseId,
  onClose,
  onSaved,
  onReload,
}: {
  score: MeasureScore | null;
  courseId: string;
  onClose: () => void;
  onSaved: (result: RecordMeasureResponse) => void;
  onReload?: () => Promise<unknown>;
}) {
  const correct = useCorrectMeasure();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [values, setValues] = useState<EntryValues>(() =>
    score ? valuesOfScore(score) : emptyValues("phq9"),
  );
  const [reason, setReason] = useState("");
  // Each score opens a fresh form (state adjusted while rendering, as React advises for a changed prop).
  const [openFor, setOpenFor] = useState<string | null>(score?.id ?? null);
  if ((score?.id ?? null) !== openFor) {
    setOpenFor(score?.id ?? null);
    if (score) {
      setValues(valuesOfScore(score));
      setReason("");
      setErrors(noWriteErrors);
    }
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!score || correct.isPending) return;
    const parsed = correctionBody(score.instrument, values, reason);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors(noWriteErrors);
    try {
      onSaved(await correct.mutateAsync({ courseId, measureId: score.id, body: parsed.body }));
    } catch (error) {
      setErrors(entryErrorsFromError(score.instrument, error));
    }
  }

  return (
    <FormDialog
      open={score !== null}
      title={score ? `Correct the ${instrumentDefinitions[score.instrument].name} score` : "Correct a score"}
      submitLabel="Save correction"
      pendingLabel="Saving…"
      pending={correct.isPending}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
      formRef={formRef}
    >
      {score ? (
        <>
          <p>
            {sessionLabel(score.sessionNumber)}: recorded total {score.total} ({score.band.label}). The
            original stays on record, marked as corrected.
          </p>
          <WriteErrorSummary errors={errors} onReload={onReload} />
          <MeasureFields
            instrument={score.instrument}
            values={values}
            errors={errors.fields}
            onChange={setValues}
          />
          <TextAreaField
            name="reason"
            label="Reason for the correction"
            rows={2}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.fields.reason}
          />
        </>
      ) : null}
    </FormDialog>
  );
}
