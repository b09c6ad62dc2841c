// Where each person sits on the closeness circle: three concentric rings around the client, every
// person on the ring of their closeness, spread evenly around it. Pure geometry, in SVG units.
import { closenessRings, type ClosenessRing, type InventoryPerson } from "@ipt/shared";
import { ringLabels } from "./labels";

export const CIRCLE_SIZE = 360;
export const CENTRE = CIRCLE_SIZE / 2;
export const CLIENT_RADIUS = 24;

/** The outer edge of each ring's band. */
export const ringEdges: Record<ClosenessRing, number> = { inner: 80, middle: 130, outer: 178 };

/** People sit halfway across their ring's band. */
export const personRadius: Record<ClosenessRing, number> = { inner: 54, middle: 105, outer: 154 };

/** Rings start at different angles so people on neighbouring rings do not line up. */
const ringStartDegrees: Record<ClosenessRing, number> = { inner: -90, middle: -60, outer: -75 };

export interface PlacedPerson {
  id: string;
  label: string;
  ring: ClosenessRing;
  x: number;
  y: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function placePeople(
  people: readonly Pick<InventoryPerson, "id" | "label" | "ring">[],
): PlacedPerson[] {
  return closenessRings.flatMap((ring) => {
    const onRing = people.filter((person) => person.ring === ring);
    const step = 360 / Math.max(onRing.length, 1);
    return onRing.map((person, index) => {
      const radians = ((ringStartDegrees[ring] + index * step) * Math.PI) / 180;
      return {
        id: person.id,
        label: person.label,
        ring,
        x: round(CENTRE + personRadius[ring] * Math.cos(radians)),
        y: round(CENTRE + personRadius[ring] * Math.sin(radians)),
      };
    });
  });
}

/** Short enough to sit under a dot on the picture; the list below the picture has the full name. */
export function shortLabel(label: string, max = 14): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/** What the picture shows, in words, for screen readers. */
export function describeCircle(
  clientName: string,
  people: readonly Pick<InventoryPerson, "label" | "relationship" | "ring">[],
): string {
  if (people.length === 0) return `Closeness circle for ${clientName}: no one added yet.`;
  const rings = closenessRings.map((ring) => {
    const names = people
      .filter((person) => person.ring === ring)
      .map((person) => `${person.label} (${person.relationship})`);
    return `${ringLabels[ring]}: ${names.length > 0 ? names.join(", ") : "no one"}.`;
  });
  return `Closeness circle for ${clientName}, from closest to least close. ${rings.join(" ")}`;
}
