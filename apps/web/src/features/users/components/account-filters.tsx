import { listUsersQuery, roleLabels, roles, type ListUsersQuery } from "@ipt/shared";
import { FilterForm } from "../../../components/filter-form";
import { SelectField, TextField } from "../../../components/form-fields";
import { paths } from "../../../config/paths";

export type AccountFilterValues = Pick<ListUsersQuery, "q" | "role" | "active">;

const filterSchema = listUsersQuery.pick({ q: true, role: true, active: true });

/** Search and filters for the accounts table; the URL holds the applied values. */
export function AccountFilters({
  values,
  onApply,
}: {
  values: AccountFilterValues;
  onApply: (values: AccountFilterValues) => void;
}) {
  return (
    <FilterForm
      label="Accounts"
      schema={filterSchema}
      clearHref={paths.admin.accounts.getHref()}
      onApply={onApply}
      values={values}
      searchName="q"
      search={(fieldErrors) => (
        <TextField
          name="q"
          type="search"
          label="Search by name or email"
          defaultValue={values.q ?? ""}
          maxLength={120}
          autoComplete="off"
          spellCheck={false}
          error={fieldErrors.q}
        />
      )}
    >
      {() => (
        <>
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
        </>
      )}
    </FilterForm>
  );
}
