import type { InventoryPerson, LifeEvent } from "@ipt/shared";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { isApiError } from "../../../lib/api-client";
import { formatCalendarDate } from "../../../lib/format";
import { useRemoveLifeEvent } from "../api/remove-life-event";
import { lifeEventKindLabels } from "./labels";
import { LifeEventForm } from "./life-event-form";

function removeErrorMessage(error: unknown): string | null {
  if (!error) return null;
  if (isApiError(error, "conflict")) {
    return "This event was changed elsewhere and the latest version is now shown. Check it, then remove again if you still want to.";
  }
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

/** The timeline of life events around the onset, oldest first, each with edit and remove. */
export function LifeEventTimeline({
  clientId,
  events,
  people,
  onChanged,
}: {
  clientId: string;
  events: LifeEvent[];
  people: InventoryPerson[];
  onChanged: (message: string) => void;
}) {
  const removeEvent = useRemoveLifeEvent(clientId);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [removingId, setRemovingId] = useState<string | null>(null);
  const removing = events.find((event) => event.id === removingId) ?? null;
  const names = new Map(people.map((person) => [person.id, person.label] as const));
  const sorted = [...events].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));

  if (events.length === 0) return <p className="muted">No life events recorded yet.</p>;

  return (
    <>
      <ol className="timeline">
        {sorted.map((event) => {
          const date = formatCalendarDate(event.occurredOn);
          return (
            <li key={event.id} className="timeline__item">
              {editingId === event.id ? (
                <LifeEventForm
                  clientId={clientId}
                  people={people}
                  event={event}
                  onDone={(message) => {
                    setEditingId(null);
                    onChanged(message);
                  }}
                  onCancel={() => setEditingId(null)}
                />
              ) : (
                <>
                  <p className="timeline__when">
                    <time dateTime={event.occurredOn}>{date}</time>{" "}
                    <span className="badge">{lifeEventKindLabels[event.kind]}</span>
                  </p>
                  <p className="timeline__what">
                    {event.description}
                    {event.personId && names.has(event.personId) ? (
                      <span className="muted"> (with {names.get(event.personId)})</span>
                    ) : null}
                  </p>
                  <div className="button-row button-row--tight">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setEditingId(event.id)}
                    >
                      Edit<span className="visually-hidden"> the event of {date}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        removeEvent.reset();
                        setRemovingId(event.id);
                      }}
                    >
                      Remove<span className="visually-hidden"> the event of {date}</span>
                    </button>
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ol>

      <ConfirmDialog
        open={removing !== null}
        title="Remove this life event?"
        confirmLabel="Remove life event"
        pendingLabel="Removing…"
        tone="danger"
        pending={removeEvent.isPending}
        error={removeErrorMessage(removeEvent.error)}
        onCancel={() => setRemovingId(null)}
        onConfirm={() => {
          if (!removing) return;
          removeEvent.mutate(
            { eventId: removing.id, version: removing.version },
            {
              onSuccess: () => {
                setRemovingId(null);
                onChanged("The life event has been removed.");
              },
            },
          );
        }}
      >
        {removing ? (
          <p>
            {formatCalendarDate(removing.occurredOn)}: {removing.description}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
