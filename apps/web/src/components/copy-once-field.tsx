import { useId, useRef, useState } from "react";

type CopyState = "idle" | "copied" | "failed";

/**
 * A secret the server shows only once (a temporary password, a calendar feed's URL), read only,
 * with a Copy button; when the clipboard is refused the value is selected for the user to copy.
 * `what` names it in the button and the messages ("password", "URL").
 */
export function CopyOnceField({ label, value, what }: { label: string; value: string; what: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>("idle");
  const inputId = useId();
  const What = what.charAt(0).toUpperCase() + what.slice(1);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopyState("copied");
    } catch {
      inputRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <div className="temp-password__row">
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      <div className="temp-password__value">
        <input
          ref={inputRef}
          id={inputId}
          className="input input--mono"
          readOnly
          value={value}
          autoComplete="off"
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copy {what}
        </button>
      </div>
      <p role="status" className="temp-password__copy-status">
        {copyState === "copied" ? `${What} copied to the clipboard.` : null}
        {copyState === "failed"
          ? `Could not copy automatically. The ${what} is selected: press Ctrl+C (or Cmd+C on a Mac) to copy it.`
          : null}
      </p>
    </div>
  );
}
