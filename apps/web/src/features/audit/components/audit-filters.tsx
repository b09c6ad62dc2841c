import { auditActions, listAuditEventsQuery, type ListAuditEventsQuery, type PersonRef } from "@ipt/shared";
import { FilterForm } from "../../../components/filter-form";
import { SelectField, TextField } from "../../../components/form-fields";
import { paths } from "../../../config/paths";
import { auditActionLabels } from "./action-labels";

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
  const actorKnown = !values.actorId || actors?.some((person) => person.id === values.actorId);

  return (
    <FilterForm
      label="Audit events"
      schema={filterSchema}
      clearHref={paths.admin.audit.getHref()}
      onApply={onApply}
      values={values}
    >
      {(fieldErrors) => (
        <>
          {actors ? (
            <SelectField
              name="actorId"
              label="Actor"
              defaultValue={values.actorId ?? ""}
              error={fieldErrors.actorId}
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
            />
          )}
          <SelectField
            name="action"
            label="Action"
            defaultValue={values.action ?? ""}
            error={fieldErrors.action}
          >
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
        </>
      )}
    </FilterForm>
  );
}
