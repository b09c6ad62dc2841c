import { instrumentDefinitions, type Instrument, type RecordMeasureResponse } from "@ipt/shared";
import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { SubmitButton } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { noWriteErrors } from "../../../lib/write-errors";
import { useRecordMeasure } from "../api/record-measure";
import { MeasureFields } from "./measure-fields";
import { emptyValues, entryErrorsFromError, recordBody, type EntryValues } from "./measure-entry";

/** "Save PHQ-9 score", "Save GAD-7 score", "Save HAM-D-17 total". */
export function saveLabel(instrument: Instrument): string {
  const { name, entry } = instrumentDefinitions[instrument];
  return entry === "items" ? `Save ${name} score` : `Save ${name} total`;
}

/** "Record PHQ-9", "Record GAD-7", "Record HAM-D-17 total". */
export function recordLabel(instrument: Instrument): string {
  const { name, entry } = instrumentDefinitions[instrument];
  return entry === "items" ? `Record ${name}` : `Record ${name} total`;
}

/**
 * A new score at a held session, in the page (not a dialog) so it can be filled from the keyboard
 * straight through. Focus starts on its heading; the status line below the items keeps the total.
 */
export function MeasureEntryForm({
  instrument,
  courseId,
  sessionId,
  initialValues,
  onSaved,
  onCancel,
  onReload,
}: {
  instrument: Instrument;
  courseId: string;
  sessionId: string;
  /** For tests and for starting again after a refusal; empty by default. */
  initialValues?: EntryValues;
  onSaved: (result: RecordMeasureResponse) => void;
  onCancel: () => void;
  /** Reads the session again (after "changed elsewhere"). */
  onReload?: () => Promise<unknown>;
}) {
  const record = useRecordMeasure();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [values, setValues] = useState<EntryValues>(() => initialValues ?? emptyValues(instrument));
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { title } = instrumentDefinitions[instrument];

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (record.isPending) return;
    const parsed = recordBody(instrument, sessionId, values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors(noWriteErrors);
    try {
      onSaved(await record.mutateAsync({ courseId, body: parsed.body }));
    } catch (error) {
      setErrors(entryErrorsFromError(instrument, error));
    }
  }

  return (
    <form
      ref={formRef}
      className="form form--wide measure-entry"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
    >
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="measure-entry__title">
        {recordLabel(instrument)}
      </h3>
      <p className="muted">{title}</p>
      <WriteErrorSummary errors={errors} onReload={onReload} />
      <MeasureFields instrument={instrument} values={values} errors={errors.fields} onChange={setValues} />
      <div className="button-row">
        <SubmitButton pending={record.isPending} pendingLabel="Saving…">
          {saveLabel(instrument)}
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
