import { cockpitQuery, type CockpitQuery, type CoursePhase, type PersonRef } from "@ipt/shared";
import { coursePhaseLabels } from "../../../components/clinical/labels";
import { FilterForm } from "../../../components/filter-form";
import { SelectField } from "../../../components/form-fields";
import { paths } from "../../../config/paths";

export type CockpitFilterValues = Pick<CockpitQuery, "therapistId" | "phase" | "flag">;

const filterSchema = cockpitQuery.pick({ therapistId: true, phase: true, flag: true });

/** The phases of an active client's course (completed courses are not in the cockpit). */
const activePhases: readonly CoursePhase[] = ["initial", "middle", "termination"];

export const showOptions: { value: NonNullable<CockpitQuery["flag"]>; label: string }[] = [
  { value: "risk", label: "Open risk flag" },
  { value: "non_response", label: "Not responding" },
  { value: "overdue", label: "Overdue items" },
];

/**
 * Filters for the cockpit; the URL holds the applied values. `therapists` are the supervisees to
 * choose from (null while they load or when they could not be loaded: a chosen therapist is kept).
 */
export function CockpitFilters({
  values,
  therapists,
  onApply,
}: {
  values: CockpitFilterValues;
  therapists: readonly PersonRef[] | null;
  onApply: (values: CockpitFilterValues) => void;
}) {
  const therapistKnown =
    !values.therapistId || therapists?.some((person) => person.id === values.therapistId);
  const phases =
    values.phase && !activePhases.includes(values.phase) ? [...activePhases, values.phase] : activePhases;

  return (
    <FilterForm
      label="Clients"
      schema={filterSchema}
      clearHref={paths.supervision.cockpit.getHref()}
      onApply={onApply}
      values={values}
    >
      {(fieldErrors) => (
        <>
          <SelectField
            name="therapistId"
            label="Therapist"
            defaultValue={values.therapistId ?? ""}
            error={fieldErrors.therapistId}
          >
            <option value="">All supervisees</option>
            {therapistKnown ? null : <option value={values.therapistId}>The chosen therapist</option>}
            {therapists?.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </SelectField>
          <SelectField name="phase" label="Phase" defaultValue={values.phase ?? ""} error={fieldErrors.phase}>
            <option value="">Any phase</option>
            {phases.map((phase) => (
              <option key={phase} value={phase}>
                {coursePhaseLabels[phase]}
              </option>
            ))}
          </SelectField>
          <SelectField name="flag" label="Show" defaultValue={values.flag ?? ""} error={fieldErrors.flag}>
            <option value="">All</option>
            {showOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </FilterForm>
  );
}
