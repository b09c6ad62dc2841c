import { addGroupMemberRequest, type GroupDetail } from "@ipt/shared";
import type { SubmitEvent } from "react";
import { Link } from "react-router";
import { SelectField, SubmitButton, TextField } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { paths } from "../../../config/paths";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { useServiceToday } from "../../../lib/service-today";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useAddGroupMember } from "../api/group-writes";

const fieldNames = fieldNamesOf(addGroupMemberRequest);

/**
 * Adds one of the therapist's clients: their own course of kind "group" opens at once, with the
 * pre-group individual meeting, the group sessions still to come and the closing meeting.
 */
export function AddMemberForm({
  group,
  clients,
  clientsLoaded,
  onAdded,
}: {
  group: GroupDetail;
  /** The clients who may join: the therapist's clients without an open course. */
  clients: readonly { id: string; displayName: string }[];
  clientsLoaded: boolean;
  onAdded: (name: string) => void;
}) {
  const addMember = useAddGroupMember();
  const today = useServiceToday();
  const { formRef, errors, setErrors } = useWriteErrors();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (addMember.isPending) return;
    const data = new FormData(event.currentTarget);
    const parsed = addGroupMemberRequest.safeParse({
      clientId: formText(data, "clientId"),
      agreedOn: formText(data, "agreedOn"),
    });
    if (!parsed.success) {
      const fields = formErrorsFromZod(parsed.error).fields;
      if (fields.clientId) fields.clientId = "Choose the client who joins the group.";
      if (fields.agreedOn)
        fields.agreedOn = "Enter the date the client agreed to the group, like 2026-01-26.";
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames) });
      return;
    }
    setErrors(noWriteErrors);
    const name = clients.find((client) => client.id === parsed.data.clientId)?.displayName ?? "The client";
    addMember.mutate(
      { groupId: group.id, body: parsed.data },
      {
        onSuccess: () => {
          formRef.current?.reset();
          onAdded(name);
        },
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  if (clientsLoaded && clients.length === 0) {
    return (
      <p className="notice">
        Every client in your caseload has an open course. A client joins a group with a course of their own:{" "}
        <Link to={paths.therapist.newClient.getHref()}>add a new client</Link>, or complete their course
        first.
      </p>
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} />
      <SelectField
        name="clientId"
        label="Client"
        hint="Your clients without an open course. Joining opens their own group course."
        defaultValue=""
        error={errors.fields.clientId}
      >
        <option value="">Choose a client</option>
        {clients.map((client) => (
          <option key={client.id} value={client.id}>
            {client.displayName}
          </option>
        ))}
      </SelectField>
      <TextField
        name="agreedOn"
        type="date"
        label="Group contract agreed on"
        hint="The day the client agreed to take part (usually at the pre-group individual meeting)."
        defaultValue={today}
        required
        fieldClassName="field--short"
        error={errors.fields.agreedOn}
      />
      <SubmitButton pending={addMember.isPending} pendingLabel="Adding…">
        Add to the group
      </SubmitButton>
    </form>
  );
}
