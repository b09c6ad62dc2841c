import { useState } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { ErrorState, LiveStatus, LoadingState } from "../../../components/states";
import { useInventory } from "../api/get-inventory";
import { ClosenessCircle } from "./closeness-circle";
import { LifeEventForm } from "./life-event-form";
import { LifeEventTimeline } from "./life-event-timeline";
import { PeopleList } from "./people-list";
import { PersonForm } from "./person-form";

/**
 * The interpersonal inventory: the people on the closeness circle and the timeline of life events.
 * `onChanged` runs after every saved change (the course's checks depend on the inventory).
 */
export function InventoryEditor({
  clientId,
  clientName,
  onChanged,
}: {
  clientId: string;
  clientName: string;
  onChanged: () => void;
}) {
  const inventory = useInventory(clientId);
  const [peopleStatus, setPeopleStatus] = useState<string | null>(null);
  const [eventsStatus, setEventsStatus] = useState<string | null>(null);
  const peopleChanged = (message: string) => {
    setPeopleStatus(message);
    onChanged();
  };
  const eventsChanged = (message: string) => {
    setEventsStatus(message);
    onChanged();
  };

  if (inventory.isPending) return <LoadingState>Loading the inventory…</LoadingState>;
  if (inventory.isError) {
    return (
      <ErrorState
        title="The inventory could not be loaded."
        error={inventory.error}
        onRetry={() => void inventory.refetch()}
      />
    );
  }
  const { people, lifeEvents } = inventory.data;

  return (
    <>
      <section className="section" aria-labelledby="people-heading">
        <h2 id="people-heading" className="section__title">
          People <SourceTags tags={["S10a", "S20e", "S12b"]} />
        </h2>
        <p className="section__intro">
          Important current and past relationships: what is good and difficult in each, expectations, changes
          near the onset and support.
        </p>
        <LiveStatus message={peopleStatus} />
        <div className="closeness-layout">
          <figure className="closeness-figure">
            <ClosenessCircle clientName={clientName} people={people} />
            <figcaption className="muted">
              The closeness circle. The list gives the same people in words.
            </figcaption>
          </figure>
          <PeopleList clientId={clientId} people={people} onChanged={peopleChanged} />
        </div>
        <h3 className="section__subtitle">Add a person</h3>
        <PersonForm clientId={clientId} onDone={peopleChanged} />
      </section>

      <section className="section" aria-labelledby="events-heading">
        <h2 id="events-heading" className="section__title">
          Life events
        </h2>
        <p className="section__intro">
          Dated events around the onset. The kind of event is used to check the choice of problem area.
        </p>
        <LiveStatus message={eventsStatus} />
        <LifeEventTimeline
          clientId={clientId}
          events={lifeEvents}
          people={people}
          onChanged={eventsChanged}
        />
        <h3 className="section__subtitle">Add a life event</h3>
        <LifeEventForm clientId={clientId} people={people} onDone={eventsChanged} />
      </section>
    </>
  );
}
