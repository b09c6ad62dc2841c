import { useId, useRef, useState, type ReactNode, type SubmitEvent } from "react";
import { Link } from "react-router";
import type { z } from "zod";
import { formText } from "../lib/form-data";
import { formErrorsFromZod, noFormErrors, type FormErrors } from "../lib/form-errors";
import { useFocusFirstError } from "./form-fields";

/**
 * The filter bar above a list whose URL holds the applied filters: one compact row on a wide
 * screen; on a phone the search stays in view and the other filters open with a "Filters" button,
 * so the list starts on the first screen. Every field is read trimmed, an empty one as "any";
 * `schema` checks them before `onApply` gets the values. `search` and `children` render the
 * fields, given the field errors. `values` are the applied values (from the URL): what is applied
 * and how many of the `children` filters are on is read from them, never counted by hand.
 */
export function FilterForm<S extends z.ZodType>({
  label,
  schema,
  clearHref,
  onApply,
  values,
  searchName,
  search,
  children,
}: {
  label: string;
  schema: S;
  clearHref: string;
  onApply: (values: z.output<S>) => void;
  values: Readonly<Partial<Record<keyof z.output<S> & string, unknown>>>;
  /** The field `search` renders: it is always in view, so it is not counted as a hidden filter. */
  searchName?: keyof z.output<S> & string;
  search?: (fieldErrors: FormErrors["fields"]) => ReactNode;
  children: (fieldErrors: FormErrors["fields"]) => ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const appliedNames = Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([name]) => name);
  // Something to clear only when a filter (search included) is applied.
  const applied = appliedNames.length > 0;
  const activeCount = appliedNames.filter((name) => name !== searchName).length;
  const moreId = useId();
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [moreShown, setMoreShown] = useState(false);
  useFocusFirstError(formRef, errors);
  // A filter with an error is never hidden.
  const moreOpen = moreShown || Object.keys(errors.fields).length > 0;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const names = new Set(data.keys());
    const values = Object.fromEntries(
      [...names].map((name) => [name, formText(data, name).trim() || undefined]),
    );
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setErrors(formErrorsFromZod(parsed.error));
      return;
    }
    setErrors(noFormErrors);
    onApply(parsed.data);
  }

  return (
    <form
      ref={formRef}
      role="search"
      aria-label={label}
      className="filters"
      noValidate
      onSubmit={handleSubmit}
    >
      {search ? <div className="filters__search">{search(errors.fields)}</div> : null}
      <button
        type="button"
        className="button button--secondary filters__toggle"
        aria-expanded={moreOpen}
        aria-controls={moreId}
        onClick={() => setMoreShown(!moreOpen)}
      >
        Filters{activeCount > 0 ? ` (${activeCount} applied)` : ""}
      </button>
      <div id={moreId} className={`filters__more${moreOpen ? " filters__more--open" : ""}`}>
        {children(errors.fields)}
      </div>
      <div className="filters__actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        {applied ? (
          <Link to={clearHref} className="button button--link">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
