import { useRef, useState } from "react";
import { noWriteErrors, type WriteErrors } from "../lib/write-errors";
import { useFocusFirstError } from "./form-fields";
import { PAGE_HEADING_ID } from "./page-heading";

/** A form's save errors, with focus moved to the first problem whenever they change. */
export function useWriteErrors() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<WriteErrors>(noWriteErrors);
  useFocusFirstError(formRef, errors);
  return { formRef, errors, setErrors };
}

function focusField(from: HTMLElement | null, name: string) {
  const form = from?.closest("form");
  const field = form?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
  field?.focus();
}

/**
 * Why a save failed, above the form's fields: each field error (a button that moves to the field),
 * what a clinical rule says is missing, or, when the record changed elsewhere, a reload. Focused by
 * `useFocusFirstError` when no single field is to blame.
 */
export function WriteErrorSummary({
  errors,
  onReload,
}: {
  errors: WriteErrors;
  /** Reads the record again; the page then shows the latest version. */
  onReload?: () => Promise<unknown>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [reloading, setReloading] = useState(false);
  const fieldErrors = Object.entries(errors.fields);
  if (!errors.message && fieldErrors.length === 0) return null;

  async function reload() {
    if (!onReload || reloading) return;
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
      document.getElementById(PAGE_HEADING_ID)?.focus();
    }
  }

  return (
    <div
      ref={ref}
      role="alert"
      className="notice notice--error error-summary"
      tabIndex={-1}
      data-form-alert=""
    >
      {errors.stale ? (
        <>
          <p className="error-summary__title">Changed elsewhere: reload before trying again.</p>
          <p>{errors.message}</p>
          {onReload ? (
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={reloading || undefined}
              onClick={() => void reload()}
            >
              {reloading ? "Reloading…" : "Reload"}
            </button>
          ) : null}
        </>
      ) : (
        <>
          <p className="error-summary__title">{errors.message ?? "There is a problem."}</p>
          {errors.missing.length > 0 ? (
            <>
              <p>Still missing:</p>
              <ul className="error-summary__list">
                {errors.missing.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          ) : null}
          {fieldErrors.length > 0 ? (
            <ul className="error-summary__list">
              {fieldErrors.map(([name, message]) => (
                <li key={name}>
                  <button
                    type="button"
                    className="error-summary__link"
                    onClick={() => focusField(ref.current, name)}
                  >
                    {message}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </div>
  );
}
