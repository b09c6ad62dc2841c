import type { AgendaItem } from "@ipt/shared";
import { useId, useRef, useState } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { FieldErrorMessage } from "../../../components/form-fields";
import { addCustomItem, removeItem, setItemDone } from "./session-draft";

const MAX_ITEMS = 40;

/** The agenda as a checklist: tick what was done, add the therapist's own items, remove items. */
export function AgendaEditor({
  agenda,
  onChange,
  error,
}: {
  agenda: AgendaItem[];
  onChange: (agenda: AgendaItem[]) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const [newItem, setNewItem] = useState("");
  const [newItemError, setNewItemError] = useState<string | null>(null);
  // The Remove button goes with its item: keep keyboard focus in the agenda.
  const newItemRef = useRef<HTMLInputElement>(null);

  function add() {
    if (!newItem.trim()) {
      setNewItemError("Write the item to add.");
      return;
    }
    if (agenda.length >= MAX_ITEMS) {
      setNewItemError(`Keep the agenda to ${MAX_ITEMS} items or fewer.`);
      return;
    }
    setNewItemError(null);
    onChange(addCustomItem(agenda, newItem));
    setNewItem("");
  }

  return (
    <fieldset
      className={error ? "fieldset field--error" : "fieldset"}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="fieldset__legend">Agenda</legend>
      <FieldErrorMessage id={`${id}-error`} error={error} />
      {agenda.length === 0 ? <p className="muted">The agenda is empty.</p> : null}
      <ul className="agenda-editor">
        {agenda.map((item, index) => (
          <li key={item.key} className="agenda-editor__item">
            <div className="choice">
              <input
                id={`${id}-${index}`}
                name="agenda"
                value={item.key}
                type="checkbox"
                className="choice__input"
                checked={item.done}
                onChange={(event) => onChange(setItemDone(agenda, item.key, event.currentTarget.checked))}
              />
              <label htmlFor={`${id}-${index}`} className="choice__label">
                {item.text} {item.kind === "custom" ? <span className="muted">(added)</span> : null}{" "}
                <SourceTags tags={item.sources} />
              </label>
            </div>
            <button
              type="button"
              className="button button--link button--small"
              onClick={() => {
                onChange(removeItem(agenda, item.key));
                newItemRef.current?.focus();
              }}
            >
              Remove<span className="visually-hidden"> agenda item: {item.text}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className={newItemError ? "field field--error agenda-editor__add" : "field agenda-editor__add"}>
        <label className="field__label" htmlFor={`${id}-new`}>
          Add an agenda item
        </label>
        <FieldErrorMessage id={`${id}-new-error`} error={newItemError} />
        <div className="inline-input">
          <input
            ref={newItemRef}
            id={`${id}-new`}
            className="input"
            value={newItem}
            maxLength={500}
            autoComplete="off"
            aria-invalid={newItemError ? true : undefined}
            aria-describedby={newItemError ? `${id}-new-error` : undefined}
            onChange={(event) => setNewItem(event.currentTarget.value)}
            onKeyDown={(event) => {
              // Enter adds the item rather than saving the whole session.
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="button button--secondary" onClick={add}>
            Add item
          </button>
        </div>
      </div>
    </fieldset>
  );
}
