import { auditActions, listAuditEventsQuery, type ListAuditEventsQuery, type PersonRef } from "@ipt/shared";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { SelectField, TextField, useFocusFirstError } from "../../../components/form-fields";
import { paths } from "../../../config/paths";
import { formErrorsFromZod, noFormErrors, type FormErrors } from "../../../lib/form-errors";
import { auditActionLabels } from "./action-labels";
import { formText } from "../../../lib/form-data";

export type AuditFilterValues = Pick<ListAuditEventsQuery, "actorId" | "action" | "from" | "to">;

const filterSchema = listAuditEventsQuery
  .pick({ actorId: true, action: true, from: true, to: true })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    path: ["to"],
    message: "The end date must be on or after the start date.",
  });

/**
 * Filters for the audit log. `actors` is the list of accounts to choose from; when it could not
 * be loaded (null), the actor is entered as an account id instead.
 */
export function AuditFilters({
  values,
  actors,
  onApply,
}: {
  values: AuditFilterValues;
  actors: PersonRef[] | null;
  onApply: (values: AuditFilterValues) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);
  const fieldErrors = errors.fields;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => formText(data, name).trim() || undefined;
    const parsed = filterSchema.safeParse({
      actorId: text("actorId"),
      action: text("action"),
      from: text("from"),
      to: text("to"),
    });
    if (!parsed.success) {
      setErrors(formErrorsFromZod(parsed.error));
      return;
    }
    setErrors(noFormErrors);
    onApply(parsed.data);
  }

  const actorKnown = !values.actorId || actors?.some((person) => person.id === values.actorId);

  return (
    <form
      ref={formRef}
      role="search"
      aria-label="Audit events"
      className="filters"
      noValidate
      onSubmit={handleSubmit}
    >
      {actors ? (
        <SelectField
          name="actorId"
          label="Actor"
          defaultValue={values.actorId ?? ""}
          error={fieldErrors.actorId}
          fieldClassName="filters__wide"
        >
          <option value="">Anyone</option>
          {actorKnown ? null : <option value={values.actorId}>Account {values.actorId}</option>}
          {actors.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} ({person.email})
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField
          name="actorId"
          label="Actor account ID"
          hint="The list of accounts is not available; enter an account ID, or leave empty for anyone."
          defaultValue={values.actorId ?? ""}
          autoComplete="off"
          spellCheck={false}
          error={fieldErrors.actorId}
          fieldClassName="filters__wide"
        />
      )}
      <SelectField name="action" label="Action" defaultValue={values.action ?? ""} error={fieldErrors.action}>
        <option value="">Any action</option>
        {values.action && !(auditActions as readonly string[]).includes(values.action) ? (
          <option value={values.action}>{values.action}</option>
        ) : null}
        {auditActions.map((action) => (
          <option key={action} value={action}>
            {auditActionLabels[action]}
          </option>
        ))}
      </SelectField>
      <TextField
        name="from"
        type="date"
        label="From date"
        defaultValue={values.from ?? ""}
        error={fieldErrors.from}
      />
      <TextField
        name="to"
        type="date"
        label="To date"
        defaultValue={values.to ?? ""}
        error={fieldErrors.to}
      />
      <div className="filters__actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link to={paths.admin.audit.getHref()} className="button button--link">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
