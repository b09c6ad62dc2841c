import { caseloadQuery, clientStatuses, coursePhases, type CaseloadQuery } from "@ipt/shared";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { clientStatusLabels, coursePhaseLabels } from "../../../components/clinical/labels";
import { SelectField, TextField, useFocusFirstError } from "../../../components/form-fields";
import { paths } from "../../../config/paths";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod, noFormErrors, type FormErrors } from "../../../lib/form-errors";

export type CaseloadFilterValues = Pick<CaseloadQuery, "q" | "status" | "phase" | "flagged">;

const filterSchema = caseloadQuery.pick({ q: true, status: true, phase: true, flagged: true });

/** Search and filters for the caseload; the URL holds the applied values. */
export function CaseloadFilters({
  values,
  onApply,
}: {
  values: CaseloadFilterValues;
  onApply: (values: CaseloadFilterValues) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => formText(data, name).trim() || undefined;
    const parsed = filterSchema.safeParse({
      q: text("q"),
      status: text("status"),
      phase: text("phase"),
      flagged: text("flagged"),
    });
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
      aria-label="Clients"
      className="filters"
      noValidate
      onSubmit={handleSubmit}
    >
      <TextField
        name="q"
        type="search"
        label="Search by name or code"
        defaultValue={values.q ?? ""}
        maxLength={80}
        autoComplete="off"
        spellCheck={false}
        error={errors.fields.q}
        fieldClassName="filters__wide"
      />
      <SelectField name="status" label="Status" defaultValue={values.status ?? ""}>
        <option value="">Any status</option>
        {clientStatuses.map((status) => (
          <option key={status} value={status}>
            {clientStatusLabels[status]}
          </option>
        ))}
      </SelectField>
      <SelectField name="phase" label="Phase" defaultValue={values.phase ?? ""}>
        <option value="">Any phase</option>
        {coursePhases.map((phase) => (
          <option key={phase} value={phase}>
            {coursePhaseLabels[phase]}
          </option>
        ))}
      </SelectField>
      <SelectField name="flagged" label="Flags" defaultValue={values.flagged ?? ""}>
        <option value="">All clients</option>
        <option value="true">Flagged only</option>
        <option value="false">Not flagged</option>
      </SelectField>
      <div className="filters__actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link to={paths.therapist.caseload.getHref()} className="button button--link">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
