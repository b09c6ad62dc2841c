import { parentAttendanceLabels, techniqueGuidance, type SessionDetail } from "@ipt/shared";
import { formatDateTime } from "../../lib/format";
import { SummaryRow } from "../summary-row";
import { AgendaList } from "./agenda-list";

/** "Session 4 of 12", or "Cancelled session" (a cancelled session loses its number). */
export function sessionTitle(session: Pick<SessionDetail, "number" | "course">): string {
  return session.number === null
    ? "Cancelled session"
    : `Session ${session.number} of ${session.course.plannedSessions}`;
}

const textOrNone = (text: string) =>
  text.trim() ? <span className="prewrap">{text}</span> : <span className="muted">Nothing recorded</span>;

/**
 * A session record to read: who signed it, the agenda with what was done, and what was written.
 * The therapist sees it once signed; a supervisor reviewing the course sees every record this way.
 */
export function SessionRecordView({ session }: { session: SessionDetail }) {
  return (
    <div className="stack">
      {session.signedAt ? (
        <p className="notice">
          Signed by {session.signedBy?.name ?? "an unknown user"} on{" "}
          <time dateTime={session.signedAt}>{formatDateTime(session.signedAt)}</time>. The record is locked;
          corrections are added as amendments.
        </p>
      ) : (
        <p className="notice">Not signed yet: the record may still change.</p>
      )}
      <h3>Agenda</h3>
      <AgendaList agenda={session.agenda} showDone />
      <dl className="summary">
        {session.riskReview.required ? (
          <SummaryRow term="Risk review">
            {session.riskReview.done ? "Done. " : "Not ticked. "}
            {session.riskReview.note}
          </SummaryRow>
        ) : null}
        {session.course.format === "ipt_a" ? (
          <SummaryRow term="Parent or carer">
            {session.parentAttendance ? parentAttendanceLabels[session.parentAttendance] : textOrNone("")}
          </SummaryRow>
        ) : null}
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

/** A cancelled session: why, and the agenda it would have had. */
export function CancelledSession({ session }: { session: SessionDetail }) {
  return (
    <div className="stack">
      <p className="notice">
        This session was cancelled{session.cancelReason ? `: ${session.cancelReason}` : "."}
      </p>
      <h3>Agenda as planned</h3>
      <AgendaList agenda={session.agenda} />
    </div>
  );
}

/** Amendments to a signed session, oldest first, below the original record. */
export function AmendmentsList({ session }: { session: SessionDetail }) {
  if (session.amendments.length === 0) return <p className="muted">No amendments.</p>;
  return (
    <ol className="history">
      {session.amendments.map((amendment) => (
        <li key={amendment.id} className="history__item">
          <p className="history__when">
            <time dateTime={amendment.createdAt}>{formatDateTime(amendment.createdAt)}</time>,{" "}
            {amendment.author.name}
          </p>
          <p>Reason: {amendment.reason}</p>
          <p className="prewrap">{amendment.text}</p>
        </li>
      ))}
    </ol>
  );
}
