import { listUsersQuery, roleLabels, roles, type ListUsersQuery } from "@ipt/shared";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { SelectField, TextField, useFocusFirstError } from "../../../components/form-fields";
import { paths } from "../../../config/paths";
import { formErrorsFromZod, noFormErrors, type FormErrors } from "../../../lib/form-errors";
import { formText } from "../../../lib/form-data";

export type AccountFilterValues = Pick<ListUsersQuery, "q" | "role" | "active">;

/** Search and filters for the accounts table; the URL holds the applied values. */
export function AccountFilters({
  values,
  onApply,
}: {
  values: AccountFilterValues;
  onApply: (values: AccountFilterValues) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const raw = {
      q: formText(data, "q").trim() || undefined,
      role: formText(data, "role") || undefined,
      active: formText(data, "active") || undefined,
    };
    const parsed = listUsersQuery.pick({ q: true, role: true, active: true }).safeParse(raw);
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
      aria-label="Accounts"
      className="filters"
      noValidate
      onSubmit={handleSubmit}
    >
      <TextField
        name="q"
        type="search"
        label="Search by name or email"
        defaultValue={values.q ?? ""}
        maxLength={120}
        autoComplete="off"
        spellCheck={false}
        error={errors.fields.q}
        fieldClassName="filters__wide"
      />
      <SelectField name="role" label="Role" defaultValue={values.role ?? ""}>
        <option value="">All roles</option>
        {roles.map((role) => (
          <option key={role} value={role}>
            {roleLabels[role]}
          </option>
        ))}
      </SelectField>
      <SelectField name="active" label="Status" defaultValue={values.active ?? ""}>
        <option value="">Any status</option>
        <option value="true">Active</option>
        <option value="false">Deactivated</option>
      </SelectField>
      <div className="filters__actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        <Link to={paths.admin.accounts.getHref()} className="button button--link">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
