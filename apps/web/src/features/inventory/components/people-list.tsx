import { closenessRings, type InventoryPerson } from "@ipt/shared";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { isApiError } from "../../../lib/api-client";
import { useRemovePerson } from "../api/remove-person";
import { ringLabels } from "./labels";
import { PersonForm } from "./person-form";

const detailLabels = [
  ["positives", "Good"],
  ["negatives", "Difficult"],
  ["expectations", "Expectations"],
  ["changesNearOnset", "Changes near onset"],
  ["support", "Support"],
] as const;

function PersonDetails({ person }: { person: InventoryPerson }) {
  const filled = detailLabels.filter(([key]) => person[key].trim() !== "");
  if (filled.length === 0) return null;
  return (
    <dl className="inline-details">
      {filled.map(([key, label]) => (
        <div key={key} className="inline-details__row">
          <dt>{label}</dt>
          <dd>{person[key]}</dd>
        </div>
      ))}
    </dl>
  );
}

function removeErrorMessage(error: unknown): string | null {
  if (!error) return null;
  if (isApiError(error, "conflict")) {
    return "This person was changed elsewhere and the latest version is now shown. Check it, then remove again if you still want to.";
  }
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

/**
 * Everyone in the inventory, by ring (the text version of the closeness circle), each with edit and
 * remove.
 */
export function PeopleList({
  clientId,
  people,
  onChanged,
}: {
  clientId: string;
  people: InventoryPerson[];
  onChanged: (message: string) => void;
}) {
  const removePerson = useRemovePerson(clientId);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [removingId, setRemovingId] = useState<string | null>(null);
  // Looked up in the latest list, so a retry after "changed elsewhere" sends the current version.
  const removing = people.find((person) => person.id === removingId) ?? null;

  return (
    <div className="stack">
      {closenessRings.map((ring) => {
        const onRing = people.filter((person) => person.ring === ring);
        return (
          <div key={ring}>
            <h3 className="ring-heading">
              {ringLabels[ring]} <span className="muted">({onRing.length})</span>
            </h3>
            {onRing.length === 0 ? (
              <p className="muted">No one in this circle.</p>
            ) : (
              <ul className="record-list">
                {onRing.map((person) => (
                  <li key={person.id} className="record-list__item">
                    {editingId === person.id ? (
                      <PersonForm
                        clientId={clientId}
                        person={person}
                        onDone={(message) => {
                          setEditingId(null);
                          onChanged(message);
                        }}
                        onCancel={() => setEditingId(null)}
                      />
                    ) : (
                      <>
                        <p className="record-list__title">
                          {person.label} <span className="muted">({person.relationship})</span>
                        </p>
                        <PersonDetails person={person} />
                        <div className="button-row button-row--tight">
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => setEditingId(person.id)}
                          >
                            Edit<span className="visually-hidden"> {person.label}</span>
                          </button>
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => {
                              removePerson.reset();
                              setRemovingId(person.id);
                            }}
                          >
                            Remove<span className="visually-hidden"> {person.label}</span>
                          </button>
                        </div>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}

      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.label ?? "this person"} from the inventory?`}
        confirmLabel="Remove person"
        pendingLabel="Removing…"
        tone="danger"
        pending={removePerson.isPending}
        error={removeErrorMessage(removePerson.error)}
        onCancel={() => setRemovingId(null)}
        onConfirm={() => {
          if (!removing) return;
          removePerson.mutate(
            { personId: removing.id, version: removing.version },
            {
              onSuccess: () => {
                onChanged(`${removing.label} has been removed from the inventory.`);
                setRemovingId(null);
              },
            },
          );
        }}
      >
        <p>Life events linked to this person stay on the timeline without the link.</p>
      </ConfirmDialog>
    </div>
  );
}
