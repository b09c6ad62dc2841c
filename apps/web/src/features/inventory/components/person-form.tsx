import {
  closenessRings,
  createPersonRequest,
  updatePersonRequest,
  type CreatePersonRequest,
  type InventoryPerson,
} from "@ipt/shared";
import type { SubmitEvent } from "react";
import { ChoiceGroup, TextAreaField, TextField } from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { useAddPerson } from "../api/add-person";
import { useUpdatePerson } from "../api/update-person";
import { EntryForm, useEntryForm } from "./entry-form";
import { ringHints, ringLabels } from "./labels";

const textFields = [
  { name: "positives", label: "What is good about the relationship" },
  { name: "negatives", label: "What is difficult about it" },
  { name: "expectations", label: "Expectations on each side, and whether they are met" },
  { name: "changesNearOnset", label: "Changes near the onset of the depression" },
  { name: "support", label: "Support this person gives" },
] as const;

const fieldNames = fieldNamesOf(createPersonRequest);

const ringOptions = closenessRings.map((ring) => ({
  value: ring,
  label: ringLabels[ring],
  hint: ringHints[ring],
}));

function valuesFrom(form: HTMLFormElement): Required<CreatePersonRequest> {
  const data = new FormData(form);
  return {
    label: formText(data, "label"),
    relationship: formText(data, "relationship"),
    ring: formText(data, "ring") as CreatePersonRequest["ring"],
    positives: formText(data, "positives"),
    negatives: formText(data, "negatives"),
    expectations: formText(data, "expectations"),
    changesNearOnset: formText(data, "changesNearOnset"),
    support: formText(data, "support"),
  };
}

/** Only what changed, so an edit never overwrites a field someone else just saved. */
function changesFrom(person: InventoryPerson, values: Required<CreatePersonRequest>) {
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => value.trim() !== person[key as keyof typeof values]),
  );
}

/** Adds a person to the inventory, or edits one (`person`). */
export function PersonForm({
  clientId,
  person,
  onDone,
  onCancel,
}: {
  clientId: string;
  person?: InventoryPerson;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const addPerson = useAddPerson(clientId);
  const updatePerson = useUpdatePerson(clientId);
  const { formRef, errors, reload, save } = useEntryForm(clientId, fieldNames);
  const pending = addPerson.isPending || updatePerson.isPending;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const values = valuesFrom(form);
    if (!person) {
      save(createPersonRequest, values, (body, onError) =>
        addPerson.mutate(body, {
          onSuccess: (added) => {
            form.reset();
            onDone(`${added.label} has been added to the inventory.`);
          },
          onError,
        }),
      );
      return;
    }
    const changes = changesFrom(person, values);
    if (Object.keys(changes).length === 0) {
      onDone("Nothing was changed.");
      return;
    }
    save(updatePersonRequest, { version: person.version, ...changes }, (body, onError) =>
      updatePerson.mutate(
        { personId: person.id, body },
        { onSuccess: (saved) => onDone(`Changes to ${saved.label} have been saved.`), onError },
      ),
    );
  }

  return (
    <EntryForm
      formRef={formRef}
      errors={errors}
      onReload={reload}
      pending={pending}
      submitLabel={person ? "Save person" : "Add person"}
      onSubmit={handleSubmit}
      onCancel={onCancel}
    >
      <TextField
        name="label"
        label="Name or label"
        hint="A first name, initials or a role, e.g. “Mum”."
        defaultValue={person?.label}
        autoComplete="off"
        maxLength={80}
        required
        error={errors.fields.label}
      />
      <TextField
        name="relationship"
        label="Relationship to the client"
        hint="For example: partner, mother, colleague."
        defaultValue={person?.relationship}
        autoComplete="off"
        maxLength={80}
        required
        error={errors.fields.relationship}
      />
      <ChoiceGroup
        type="radio"
        name="ring"
        legend="Closeness"
        options={ringOptions}
        defaultSelected={[person?.ring ?? "inner"]}
        error={errors.fields.ring}
      />
      {textFields.map((field) => (
        <TextAreaField
          key={field.name}
          name={field.name}
          label={`${field.label} (optional)`}
          defaultValue={person?.[field.name]}
          rows={2}
          maxLength={2000}
          error={errors.fields[field.name]}
        />
      ))}
    </EntryForm>
  );
}
