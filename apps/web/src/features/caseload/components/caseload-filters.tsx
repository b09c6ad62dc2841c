import { caseloadQuery, clientStatuses, coursePhases, type CaseloadQuery } from "@ipt/shared";
import { clientStatusLabels, coursePhaseLabels } from "../../../components/clinical/labels";
import { FilterForm } from "../../../components/filter-form";
import { SelectField, TextField } from "../../../components/form-fields";
import { paths } from "../../../config/paths";

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
  return (
    <FilterForm
      label="Clients"
      schema={filterSchema}
      clearHref={paths.therapist.caseload.getHref()}
      onApply={onApply}
      values={values}
      searchName="q"
      search={(fieldErrors) => (
        <TextField
          name="q"
          type="search"
          label="Search by name or code"
          defaultValue={values.q ?? ""}
          maxLength={80}
          autoComplete="off"
          spellCheck={false}
          error={fieldErrors.q}
        />
      )}
    >
      {() => (
        <>
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
        </>
      )}
    </FilterForm>
  );
}
