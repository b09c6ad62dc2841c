import {
  HAMD17_MAX,
  instrumentDefinitions,
  ITEM9_CAUTION,
  PHQ9_RISK_ITEM,
  type DifficultyLevel,
  type Instrument,
  type InstrumentItem,
} from "@ipt/shared";
import { useId, type KeyboardEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { ChoiceGroup, FieldErrorMessage, TextField } from "../../../components/form-fields";
import {
  answerForKey,
  entryStatus,
  isItemInstrument,
  itemFieldName,
  optionLabel,
  type EntryValues,
} from "./measure-entry";
import "./measures.css";

/** The note that sits with PHQ-9 item 9 on every form: a 0 there is not a negative risk assessment. */
export function Item9Caution({ id }: { id?: string }) {
  return (
    <p id={id} className="measure-caution">
      <strong>Note:</strong> {ITEM9_CAUTION.text} <SourceTags tags={ITEM9_CAUTION.sources} />
    </p>
  );
}

/**
 * One item as a row of four radios sharing one name: the arrow keys move (and answer) within the
 * row, Tab goes on to the next item, and typing 0–3 answers it directly.
 */
function ItemRow({
  instrument,
  item,
  index,
  value,
  error,
  onAnswer,
}: {
  instrument: Instrument;
  item: InstrumentItem;
  index: number;
  value: number | null;
  error: string | undefined;
  onAnswer: (index: number, value: number) => void;
}) {
  const id = useId();
  const name = itemFieldName(index);
  const riskItem = instrument === "phq9" && item.number === PHQ9_RISK_ITEM;
  const errorId = error ? `${id}-error` : undefined;
  const cautionId = riskItem ? `${id}-caution` : undefined;
  const describedBy = [errorId, cautionId].filter(Boolean).join(" ") || undefined;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const answer = answerForKey(event.key);
    if (answer === null || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    onAnswer(index, answer);
    // Keep focus on the chosen radio so the arrow keys carry on from there.
    event.currentTarget.form
      ?.querySelector<HTMLInputElement>(`input[name="${name}"][value="${answer}"]`)
      ?.focus();
  }

  return (
    <fieldset
      className={`measure-item${error ? " field--error" : ""}${riskItem ? " measure-item--risk" : ""}`}
      role="radiogroup"
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
    >
      <legend className="measure-item__legend">
        {item.number}. {item.text}
      </legend>
      <FieldErrorMessage id={errorId} error={error} />
      <div className="measure-item__options">
        {instrumentDefinitions[instrument].answerOptions.map((option) => {
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
                onChange={() => onAnswer(index, option.value)}
                onKeyDown={onKeyDown}
              />
              <label htmlFor={optionId} className="measure-item__label">
                {optionLabel(option)}
              </label>
            </div>
          );
        })}
      </div>
      {riskItem ? <Item9Caution id={cautionId} /> : null}
    </fieldset>
  );
}

/**
 * The fields of one instrument, shared by the entry form and the correction dialog: the stem, the
 * items, the unscored difficulty question and the attribution (PHQ-9, GAD-7) or the clinician's
 * total (HAM-D-17), with a live status line worked out by the shared scoring.
 */
export function MeasureFields({
  instrument,
  values,
  errors,
  onChange,
}: {
  instrument: Instrument;
  values: EntryValues;
  errors: Record<string, string>;
  onChange: (values: EntryValues) => void;
}) {
  const definition = instrumentDefinitions[instrument];
  const status = entryStatus(instrument, values);

  if (!isItemInstrument(instrument)) {
    return (
      <div className="measure-fields">
        <TextField
          name="total"
          label={`HAM-D-17 total (0–${HAMD17_MAX})`}
          hint={
            <>
              {definition.title}: enter the total you rated. {definition.rangeNote}{" "}
              <SourceTags tags={definition.sources} />
            </>
          }
          type="text"
          inputMode="numeric"
          autoComplete="off"
          fieldClassName="field--short"
          value={values.total}
          onChange={(event) => onChange({ ...values, total: event.currentTarget.value })}
          error={errors.total}
        />
        <p className="measure-entry__status" role="status">
          {status}
        </p>
        {definition.bandsNote ? (
          <p className="muted measure-entry__small">
            {definition.bandsNote} <SourceTags tags={definition.bandSources} />
          </p>
        ) : null}
      </div>
    );
  }

  const onAnswer = (index: number, value: number) =>
    onChange({ ...values, answers: values.answers.map((answer, at) => (at === index ? value : answer)) });
  const difficulty = definition.difficulty;

  return (
    <div className="measure-fields">
      <p className="measure-entry__stem">{definition.stem}</p>
      <p className="muted measure-entry__small">
        Keyboard: Tab moves from item to item; the arrow keys, or typing 0 to 3, choose the answer.
      </p>
      {definition.items.map((item, index) => (
        <ItemRow
          key={item.number}
          instrument={instrument}
          item={item}
          index={index}
          value={values.answers[index] ?? null}
          error={errors[itemFieldName(index)]}
          onAnswer={onAnswer}
        />
      ))}
      {difficulty ? (
        <ChoiceGroup
          type="radio"
          name="difficulty"
          legend={difficulty.text}
          hint="Optional. Not added to the total."
          options={difficulty.options.map((option) => ({ value: option.level, label: option.label }))}
          selected={values.difficulty ? [values.difficulty] : []}
          onToggle={(value) => onChange({ ...values, difficulty: value as DifficultyLevel })}
          error={errors.difficulty}
        />
      ) : null}
      <p className="measure-entry__status" role="status">
        {status}
      </p>
      {definition.attribution ? (
        <p className="measure-entry__attribution">
          <small>{definition.attribution}</small> <SourceTags tags={["PHQ-form"]} />
        </p>
      ) : null}
    </div>
  );
}
