import {
  FIDELITY_PASS_MARK,
  fidelityItems,
  fidelityPassSources,
  type FidelityItem,
  type FidelityRating,
} from "@ipt/shared";
import { useId, useState, type SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { FieldErrorMessage, SubmitButton, TextAreaField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { formatDateTime } from "../../../lib/format";
import { noWriteErrors } from "../../../lib/write-errors";
import { useSaveFidelityRating } from "../api/save-fidelity-rating";
import { averageAgainstPassMark, formatAverage } from "./fidelity-text";
import {
  NOT_APPLICABLE,
  ratingBody,
  ratingErrorsFromError,
  scoreChoices,
  scoreFieldName,
  valuesOfRating,
  type FidelityChoice,
  type FidelityValues,
} from "./fidelity-values";
import "./fidelity.css";

/** One item: its text as the legend, its sources, and a row of radios 1–5 and Not applicable. */
export function FidelityItemGroup({
  item,
  value,
  error,
  onChoose,
}: {
  item: FidelityItem;
  value: FidelityChoice;
  error: string | undefined;
  onChoose: (value: FidelityChoice) => void;
}) {
  const id = useId();
  const name = scoreFieldName(item.key);
  const sourcesId = `${id}-sources`;
  const errorId = error ? `${id}-error` : undefined;
  const options = [
    ...scoreChoices.map((choice) => ({ value: choice, label: choice })),
    { value: NOT_APPLICABLE, label: "Not applicable" },
  ] as const;
  return (
    <fieldset
      className={`fidelity-item${error ? " field--error" : ""}`}
      role="radiogroup"
      aria-invalid={error ? true : undefined}
      aria-describedby={[sourcesId, errorId].filter(Boolean).join(" ")}
    >
      <legend className="fidelity-item__legend">{item.text}</legend>
      <p id={sourcesId} className="fidelity-item__sources">
        <SourceTags tags={item.sources} />
      </p>
      <FieldErrorMessage id={errorId} error={error} />
      <div className="fidelity-item__options">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div key={option.value} className="scale-option">
              <input
                id={optionId}
                type="radio"
                className="choice__input"
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChoose(option.value)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** What the rater last saved: its average against the pass mark and when. */
function SavedRating({ rating }: { rating: FidelityRating }) {
  return (
    <p className="fidelity-form__saved">
      Saved <time dateTime={rating.updatedAt}>{formatDateTime(rating.updatedAt)}</time>. Average:{" "}
      {rating.average === null
        ? "none (every item is not applicable)"
        : averageAgainstPassMark(rating.average, FIDELITY_PASS_MARK)}
      .
    </p>
  );
}

/**
 * The signed-in rater's own fidelity rating of a held session (a therapist's self-rating or a
 * supervisor's rating), filled in with what they saved before. Every item needs a rating or "Not
 * applicable". The form is named by the section heading above it (`headingId`).
 */
export function FidelityForm({
  sessionId,
  courseId,
  rating,
  headingId,
  onReload,
}: {
  sessionId: string;
  courseId: string;
  /** The rater's saved rating; null before the first save. */
  rating: FidelityRating | null;
  headingId: string;
  /** Reads the ratings again (after "changed elsewhere"); the form then starts from the latest. */
  onReload?: () => Promise<unknown>;
}) {
  const save = useSaveFidelityRating();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [values, setValues] = useState<FidelityValues>(() => valuesOfRating(rating));
  // Kept from the last save, so the next save sends the version it answered with.
  const [saved, setSaved] = useState<FidelityRating | null>(rating);
  const [status, setStatus] = useState<string | null>(null);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    setStatus(null);
    const parsed = ratingBody(values, saved?.version ?? 0);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors(noWriteErrors);
    try {
      const result = await save.mutateAsync({ sessionId, courseId, body: parsed.body });
      setSaved(result);
      setValues(valuesOfRating(result));
      setStatus("Rating saved.");
    } catch (error) {
      setErrors(ratingErrorsFromError(error));
    }
  }

  const choose = (item: FidelityItem) => (choice: FidelityChoice) =>
    setValues((current) => ({ ...current, scores: { ...current.scores, [item.key]: choice } }));

  return (
    <form
      ref={formRef}
      className="form form--wide fidelity-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
    >
      {saved ? <SavedRating rating={saved} /> : null}
      <p className="fidelity-form__scale">
        Rate each item: 1 = not at all … 5 = fully. Choose Not applicable when an item does not belong to this
        session. The IPT Institute’s pass mark is an average of {formatAverage(FIDELITY_PASS_MARK)} or more.{" "}
        <SourceTags tags={fidelityPassSources} />
      </p>
      <p className="muted fidelity-form__note">
        The items sum up what IPT supervisors look at; they are not the wording of a published scale.
      </p>
      <WriteErrorSummary errors={errors} onReload={onReload} />
      {fidelityItems.map((item) => (
        <FidelityItemGroup
          key={item.key}
          item={item}
          value={values.scores[item.key]}
          error={errors.fields[scoreFieldName(item.key)]}
          onChoose={choose(item)}
        />
      ))}
      <TextAreaField
        name="comment"
        label="Comment (optional)"
        rows={3}
        maxLength={2000}
        value={values.comment}
        onChange={(event) => {
          const comment = event.currentTarget.value;
          setValues((current) => ({ ...current, comment }));
        }}
        error={errors.fields.comment}
      />
      <SubmitButton pending={save.isPending} pendingLabel="Saving…">
        Save rating
      </SubmitButton>
      <LiveStatus message={status} />
    </form>
  );
}
