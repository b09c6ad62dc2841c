import {
  createLifeEventRequest,
  lifeEventKinds,
  updateLifeEventRequest,
  type InventoryPerson,
  type LifeEvent,
} from "@ipt/shared";
import type { SubmitEvent } from "react";
import { ChoiceGroup, SelectField, TextAreaField, TextField } from "../../../components/form-fields";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import type { FormErrors } from "../../../lib/form-errors";
import { useAddLifeEvent } from "../api/add-life-event";
import { useUpdateLifeEvent } from "../api/update-life-event";
import { EntryForm, useEntryForm } from "./entry-form";
import { lifeEventKindLabels } from "./labels";

const fieldNames = fieldNamesOf(createLifeEventRequest);
const kindOptions = lifeEventKinds.map((kind) => ({ value: kind, label: lifeEventKindLabels[kind] }));

/** Adds a dated life event to the timeline, or edits one (`event`). */
export function LifeEventForm({
  clientId,
  people,
  event,
  onDone,
  onCancel,
}: {
  clientId: string;
  people: InventoryPerson[];
  event?: LifeEvent;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const addEvent = useAddLifeEvent(clientId);
  const updateEvent = useUpdateLifeEvent(clientId);
  const { formRef, errors, reload, save } = useEntryForm(clientId, fieldNames);
  const pending = addEvent.isPending || updateEvent.isPending;

  function handleSubmit(submitEvent: SubmitEvent<HTMLFormElement>) {
    submitEvent.preventDefault();
    if (pending) return;
    const form = submitEvent.currentTarget;
    const data = new FormData(form);
    const values = {
      occurredOn: formText(data, "occurredOn"),
      kind: formText(data, "kind"),
      description: formText(data, "description"),
      personId: formText(data, "personId") || null,
    };
    const explain = (invalid: FormErrors) => {
      if (invalid.fields.kind) invalid.fields.kind = "Choose the kind of event.";
      return invalid;
    };

    if (event) {
      save(
        updateLifeEventRequest,
        { version: event.version, ...values },
        (body, onError) =>
          updateEvent.mutate(
            { eventId: event.id, body },
            { onSuccess: () => onDone("The life event has been saved."), onError },
          ),
        explain,
      );
      return;
    }
    save(
      createLifeEventRequest,
      values,
      (body, onError) =>
        addEvent.mutate(body, {
          onSuccess: () => {
            form.reset();
            onDone("The life event has been added to the timeline.");
          },
          onError,
        }),
      explain,
    );
  }

  return (
    <EntryForm
      formRef={formRef}
      errors={errors}
      onReload={reload}
      pending={pending}
      submitLabel={event ? "Save life event" : "Add life event"}
      onSubmit={handleSubmit}
      onCancel={onCancel}
    >
      <TextField
        name="occurredOn"
        type="date"
        label="Date"
        hint="An approximate date is fine."
        defaultValue={event?.occurredOn}
        required
        fieldClassName="field--short"
        error={errors.fields.occurredOn}
      />
      <ChoiceGroup
        type="radio"
        name="kind"
        legend="Kind of event"
        options={kindOptions}
        defaultSelected={event ? [event.kind] : []}
        error={errors.fields.kind}
      />
      <TextAreaField
        name="description"
        label="What happened"
        defaultValue={event?.description}
        rows={2}
        maxLength={500}
        required
        error={errors.fields.description}
      />
      <SelectField
        name="personId"
        label="Person involved (optional)"
        defaultValue={event?.personId ?? ""}
        error={errors.fields.personId}
      >
        <option value="">No one in particular</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.label} ({person.relationship})
          </option>
        ))}
      </SelectField>
    </EntryForm>
  );
}
