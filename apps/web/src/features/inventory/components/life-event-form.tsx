import {
  createLifeEventRequest,
  lifeEventKinds,
  updateLifeEventRequest,
  type InventoryPerson,
  type LifeEvent,
} from "@ipt/shared";
import type { FormEvent } from "react";
import type { z } from "zod";
import {
  ChoiceGroup,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useAddLifeEvent } from "../api/add-life-event";
import { useReloadInventory } from "../api/get-inventory";
import { useUpdateLifeEvent } from "../api/update-life-event";
import { lifeEventKindLabels } from "./labels";

const fieldNames = ["occurredOn", "kind", "description", "personId"];
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
  const reload = useReloadInventory(clientId);
  const { formRef, errors, setErrors } = useWriteErrors();
  const pending = addEvent.isPending || updateEvent.isPending;

  function handleSubmit(submitEvent: FormEvent<HTMLFormElement>) {
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
    const onError = (error: unknown) => setErrors(writeErrorsFromError(error, fieldNames));
    const showInvalid = (error: z.ZodError) => {
      const next = formErrorsFromZod(error);
      if (next.fields.kind) next.fields.kind = "Choose the kind of event.";
      setErrors({ ...noWriteErrors, ...next });
    };

    if (event) {
      const parsed = updateLifeEventRequest.safeParse({ version: event.version, ...values });
      if (!parsed.success) return showInvalid(parsed.error);
      setErrors(noWriteErrors);
      updateEvent.mutate(
        { eventId: event.id, body: parsed.data },
        { onSuccess: () => onDone("The life event has been saved."), onError },
      );
      return;
    }
    const parsed = createLifeEventRequest.safeParse(values);
    if (!parsed.success) return showInvalid(parsed.error);
    setErrors(noWriteErrors);
    addEvent.mutate(parsed.data, {
      onSuccess: () => {
        form.reset();
        onDone("The life event has been added to the timeline.");
      },
      onError,
    });
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reload} />
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
      <div className="button-row">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {event ? "Save life event" : "Add life event"}
        </SubmitButton>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
