import { phaseLabelFor, type CourseDetail } from "@ipt/shared";
import { Link } from "react-router";
import { paths } from "../../../config/paths";
import { SessionWhen } from "../../../components/clinical/session-when";

/** The next planned session: when, which, its phase and the focus the last session set for it. */
export function WhatsNext({ course }: { course: CourseDetail }) {
  const next = course.nextSession;
  if (!next) {
    return <p>{course.phase === "completed" ? "The course is complete." : "No sessions are planned."}</p>;
  }
  return (
    <dl className="summary">
      <div className="summary__row">
        <dt>Next session</dt>
        <dd>
          <Link to={paths.therapist.session.getHref(next.id)}>
            Session {next.number} of {course.plannedSessions}
          </Link>
        </dd>
      </div>
      <div className="summary__row">
        <dt>Date and time</dt>
        <dd>
          <SessionWhen session={next} />
        </dd>
      </div>
      <div className="summary__row">
        <dt>Phase</dt>
        <dd>{phaseLabelFor(next.phase, course.lineage)}</dd>
      </div>
      <div className="summary__row">
        <dt>Focus</dt>
        <dd>{next.focus.trim() || <span className="muted">No focus was set at the last session.</span>}</dd>
      </div>
    </dl>
  );
}
