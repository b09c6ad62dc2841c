import { useRef, useState, type SubmitEvent, type ReactNode } from "react";
import { Link } from "react-router";
import type { z } from "zod";
import { formText } from "../lib/form-data";
import { formErrorsFromZod, noFormErrors, type FormErrors } from "../lib/form-errors";
import { useFocusFirstError } from "./form-fields";

/**
 * The search form above a list whose URL holds the applied filters. Every field is read trimmed,
 * an empty one as "any"; `schema` checks them before `onApply` gets the values. `children` are
 * the fields, given the field errors.
 */
export function FilterForm<S extends z.ZodType>({
  label,
  schema,
  clearHref,
  onApply,
  children,
}: {
  label: string;
  schema: S;
  clearHref: string;
  onApply: (values: z.output<S>) => void;
  children: (fieldErrors: FormErrors["fields"]) => ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);

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
      {children(errors.fields)}
      <div className="filters__actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link to={clearHref} className="button button--link">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
