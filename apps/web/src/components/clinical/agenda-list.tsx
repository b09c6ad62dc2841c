import type { AgendaItem } from "@ipt/shared";
import { SourceTags } from "./source-tags";

/** An agenda to read (plan preview, print, a signed record); `showDone` adds whether each was done. */
export function AgendaList({
  agenda,
  showDone = false,
}: {
  agenda: readonly AgendaItem[];
  showDone?: boolean;
}) {
  if (agenda.length === 0) return <p className="muted">No agenda items.</p>;
  return (
    <ul className="agenda-list">
      {agenda.map((item) => (
        <li key={item.key} className="agenda-list__item">
          {showDone ? <span className="agenda-list__done">{item.done ? "Done: " : "Not done: "}</span> : null}
          {item.text} <SourceTags tags={item.sources} />
        </li>
      ))}
    </ul>
  );
}
