import { Link } from "react-router";
import { paths } from "../../../config/paths";
import { MiddlePhaseGate } from "../../../features/courses/components/middle-phase-gate";
import { PlanPreview } from "../../../features/courses/components/plan-preview";
import { SessionAgenda } from "../../../features/sessions/components/session-agenda";
import { CourseSetupPage } from "./setup-page";

/** Set-up step 5: the generated plan, and moving the course into the middle phase. */
export function PlanStepRoute() {
  return (
    <CourseSetupPage step="plan">
      {(course) => (
        <>
          <section className="section" aria-labelledby="plan-heading">
            <h2 id="plan-heading" className="section__title">
              The session plan
            </h2>
            <p className="section__intro">
              Dates follow the contract; each session’s agenda comes from the IPT templates and can be changed
              on the session’s page.
            </p>
            <PlanPreview course={course} agendaOf={(id) => <SessionAgenda sessionId={id} />} collapsed />
            <ul className="link-list">
              <li>
                <Link to={paths.therapist.course.getHref(course.id)}>Open the course page</Link>
              </li>
              <li>
                <Link to={paths.therapist.coursePrint.getHref(course.id)}>Printable plan</Link>
              </li>
            </ul>
          </section>
          <section className="section" aria-labelledby="middle-phase-heading">
            <h2 id="middle-phase-heading" className="section__title">
              Begin the middle phase
            </h2>
            <MiddlePhaseGate course={course} />
          </section>
        </>
      )}
    </CourseSetupPage>
  );
}
