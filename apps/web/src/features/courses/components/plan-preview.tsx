import { phaseLabelFor, type CourseDetail } from "@ipt/shared";
import type { ReactNode } from "react";
import { SessionWhen } from "../../../components/clinical/session-when";

/**
 * The planned sessions in date order, each with its phase and its agenda (`agendaOf`), for the
 * set-up's last step and the printable plan. Cancelled sessions are left out.
 */
export function PlanPreview({
  course,
  agendaOf,
  collapsed = false,
}: {
  course: CourseDetail;
  agendaOf: (sessionId: string) => ReactNode;
  /** Agendas folded away under "Agenda" (opened one by one) rather than all shown. */
  collapsed?: boolean;
}) {
  const sessions = course.sessions.filter((session) => session.status !== "cancelled");
  if (sessions.length === 0) {
    return <p className="muted">There is no plan yet: it is generated when the contract is saved.</p>;
  }
  return (
    <ol className="plan-preview">
      {sessions.map((session) => (
        <li key={session.id} className="plan-preview__session">
          <h3 className="plan-preview__title">
            Session {session.number}: <SessionWhen session={session} />
          </h3>
          <p className="plan-preview__phase">
            {session.phase ? phaseLabelFor(session.phase, course.lineage) : "No phase"}
          </p>
          {collapsed ? (
            <details className="plan-preview__agenda">
              <summary>
                Agenda<span className="visually-hidden"> of session {session.number}</span> (
                {session.agendaTotal} items)
              </summary>
              {agendaOf(session.id)}
            </details>
          ) : (
            agendaOf(session.id)
          )}
        </li>
      ))}
    </ol>
  );
}
