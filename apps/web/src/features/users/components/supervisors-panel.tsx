import type { AdminUser } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { Link } from "react-router";
import { SelectField, SubmitButton } from "../../../components/form-fields";
import { EmptyState, ErrorState, LoadingState, SuccessMessage } from "../../../components/states";
import { paths } from "../../../config/paths";
import { useAssignSupervisor } from "../api/assign-supervisor";
import { activeSupervisorsParams, useUsers } from "../api/list-users";
import { useRemoveSupervisor } from "../api/remove-supervisor";
import { formText } from "../../../lib/form-data";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

/** For a therapist: who supervises them, with remove and assign. */
export function SupervisorsPanel({ therapist }: { therapist: AdminUser }) {
  const supervisors = useUsers(activeSupervisorsParams);
  const assign = useAssignSupervisor();
  const remove = useRemoveSupervisor();
  const [status, setStatus] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);

  const assignedIds = new Set(therapist.supervisors.map((person) => person.id));
  const choices = (supervisors.data?.items ?? []).filter((person) => !assignedIds.has(person.id));
  const error = assign.error ?? remove.error;

  function handleAssign(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (assign.isPending) return;
    const supervisorId = formText(new FormData(event.currentTarget), "supervisorId");
    if (!supervisorId) {
      setFieldError("Choose a supervisor to assign.");
      return;
    }
    setFieldError(undefined);
    setStatus(null);
    remove.reset();
    const chosen = choices.find((person) => person.id === supervisorId);
    assign.mutate(
      { therapistId: therapist.id, supervisorId },
      { onSuccess: () => setStatus(`${chosen?.name ?? "The supervisor"} now supervises ${therapist.name}.`) },
    );
  }

  function handleRemove(supervisorId: string, name: string) {
    if (remove.isPending) return;
    setStatus(null);
    assign.reset();
    remove.mutate(
      { therapistId: therapist.id, supervisorId },
      { onSuccess: () => setStatus(`${name} no longer supervises ${therapist.name}.`) },
    );
  }

  return (
    <div className="stack">
      {status ? <SuccessMessage focusOnMount>{status}</SuccessMessage> : null}
      {error ? (
        <p role="alert" className="notice notice--error">
          {messageOf(error)}
        </p>
      ) : null}

      {therapist.supervisors.length === 0 ? (
        <EmptyState title={`${therapist.name} has no supervisor yet.`} />
      ) : (
        <ul className="person-list" aria-label={`Supervisors of ${therapist.name}`}>
          {therapist.supervisors.map((person) => (
            <li key={person.id} className="person-list__item">
              <span>
                <Link to={paths.admin.account.getHref(person.id)}>{person.name}</Link>
                <span className="person-list__email">{person.email}</span>
              </span>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-disabled={remove.isPending || undefined}
                onClick={() => handleRemove(person.id, person.name)}
              >
                Remove<span className="visually-hidden"> {person.name} as supervisor</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3 className="section__subtitle">Assign supervisor</h3>
      {supervisors.isPending ? (
        <LoadingState>Loading supervisors…</LoadingState>
      ) : supervisors.isError ? (
        <ErrorState
          title="The list of supervisors could not be loaded."
          error={supervisors.error}
          onRetry={() => void supervisors.refetch()}
        />
      ) : choices.length === 0 ? (
        <EmptyState
          title={
            supervisors.data.items.length === 0
              ? "There are no active supervisor accounts."
              : "Every active supervisor is already assigned."
          }
        />
      ) : (
        <form className="form form--row" noValidate onSubmit={handleAssign}>
          <SelectField name="supervisorId" label="Supervisor" defaultValue="" error={fieldError}>
            <option value="" disabled>
              Choose a supervisor
            </option>
            {choices.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.email})
              </option>
            ))}
          </SelectField>
          <SubmitButton pending={assign.isPending} pendingLabel="Assigning…">
            Assign supervisor
          </SubmitButton>
        </form>
      )}
    </div>
  );
}

/** For a supervisor: whom they supervise (changed from each therapist's page). */
export function SuperviseesList({ supervisor }: { supervisor: AdminUser }) {
  if (supervisor.supervisees.length === 0) {
    return <EmptyState title={`${supervisor.name} does not supervise anyone yet.`} />;
  }
  return (
    <ul className="person-list" aria-label={`Supervisees of ${supervisor.name}`}>
      {supervisor.supervisees.map((person) => (
        <li key={person.id} className="person-list__item">
          <span>
            <Link to={paths.admin.account.getHref(person.id)}>{person.name}</Link>
            <span className="person-list__email">{person.email}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
