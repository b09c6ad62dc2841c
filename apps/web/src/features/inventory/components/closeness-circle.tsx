import { closenessRings, type InventoryPerson } from "@ipt/shared";
import {
  CENTRE,
  CIRCLE_SIZE,
  CLIENT_RADIUS,
  describeCircle,
  placePeople,
  ringEdges,
  shortLabel,
} from "./closeness-layout";
import { ringLabels } from "./labels";

/**
 * The closeness circle as a picture: the client in the centre, three rings, each person on theirs.
 * Screen readers get the same content from the label; the people list next to it is the text version.
 */
export function ClosenessCircle({ clientName, people }: { clientName: string; people: InventoryPerson[] }) {
  const placed = placePeople(people);
  // Outermost ring first so the inner rings are drawn on top of it.
  const ringsOutsideIn = [...closenessRings].reverse();
  return (
    <svg
      className="closeness"
      viewBox={`0 0 ${CIRCLE_SIZE} ${CIRCLE_SIZE}`}
      role="img"
      aria-label={describeCircle(clientName, people)}
    >
      {ringsOutsideIn.map((ring) => (
        <circle
          key={ring}
          className={`closeness__ring closeness__ring--${ring}`}
          cx={CENTRE}
          cy={CENTRE}
          r={ringEdges[ring]}
        />
      ))}
      {ringsOutsideIn.map((ring) => (
        <text
          key={ring}
          className="closeness__ring-label"
          x={CENTRE}
          y={CENTRE + ringEdges[ring] - 8}
          textAnchor="middle"
        >
          {ringLabels[ring].replace(" circle", "")}
        </text>
      ))}
      <circle className="closeness__client" cx={CENTRE} cy={CENTRE} r={CLIENT_RADIUS} />
      <text className="closeness__client-label" x={CENTRE} y={CENTRE + 5} textAnchor="middle">
        Client
      </text>
      {placed.map((person) => (
        <g key={person.id}>
          <circle className="closeness__person" cx={person.x} cy={person.y} r={7} />
          <text className="closeness__person-label" x={person.x} y={person.y + 20} textAnchor="middle">
            {shortLabel(person.label)}
          </text>
        </g>
      ))}
    </svg>
  );
}
