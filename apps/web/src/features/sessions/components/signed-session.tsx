import { techniqueGuidance, type SessionDetail } from "@ipt/shared";
import { SummaryRow } from "../../../components/summary-row";
import { formatDateTime } from "../../../lib/format";
import { AgendaList } from "./agenda-list";

const textOrNone = (text: string) =>
  text.trim() ? <span className="prewrap">{text}</span> : <span className="muted">Nothing recorded</span>;

/** The signed (read-only) record, as it was signed. */
export function SignedSession({ session }: { session: SessionDetail }) {
  return (
    <div className="stack">
      {session.signedAt ? (
        <p className="notice">
          Signed by {session.signedBy?.name ?? "an unknown user"} on{" "}
          <time dateTime={session.signedAt}>{formatDateTime(session.signedAt)}</time>. The record is locked;
          corrections are added as amendments.
        </p>
      ) : null}
      <h3>Agenda</h3>
      <AgendaList agenda={session.agenda} showDone />
      <dl className="summary">
        <SummaryRow term="Techniques used">
          {session.techniques.length > 0
            ? session.techniques.map((technique) => techniqueGuidance[technique].label).join(", ")
            : textOrNone("")}
        </SummaryRow>
        <SummaryRow term="Interpersonal incident worked on">{textOrNone(session.incident)}</SummaryRow>
        <SummaryRow term="Notes">{textOrNone(session.notes)}</SummaryRow>
        <SummaryRow term="Between-session work">{textOrNone(session.betweenSessionWork)}</SummaryRow>
        <SummaryRow term="Focus for next time">{textOrNone(session.nextFocus)}</SummaryRow>
      </dl>
    </div>
  );
}
