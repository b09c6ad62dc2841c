// The relapse-prevention plan as a one-page handout for the client: plain language, the client's own
// plan in four parts, and nothing clinical (no scores, codes, diagnosis or source tags). Printed from
// the browser; the screen-only parts are hidden in print.
import type { CourseDetail } from "@ipt/shared";
import { Link, useParams } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { QueryFallback } from "../../components/states";
import { paths } from "../../config/paths";
import { useCourse } from "../../features/courses/api/get-course";

type PlanPart = "relapseWarningSigns" | "relapseWhatHelped" | "relapsePeople" | "relapsePlan";

const parts: { key: PlanPart; heading: string; intro: string }[] = [
  {
    key: "relapseWarningSigns",
    heading: "Early warning signs",
    intro: "Signs that my mood may be slipping back:",
  },
  { key: "relapseWhatHelped", heading: "What helped", intro: "Things that helped me feel better:" },
  { key: "relapsePeople", heading: "People I can contact", intro: "People I can talk to or ask for help:" },
  {
    key: "relapsePlan",
    heading: "What to do, and when to come back",
    intro: "If the warning signs come back, I will:",
  },
];

export function RelapsePlanHandout({ course }: { course: CourseDetail }) {
  const plan = course.termination;
  const missing = parts.filter((part) => !plan[part.key]?.trim());
  return (
    <div className="page print-page">
      <p className="back-link no-print">
        <Link to={paths.therapist.course.getHref(course.id)}>Back to the course</Link>
      </p>
      <PageHeading title={`Staying well plan: ${course.client.displayName}`}>
        My plan for staying well
      </PageHeading>
      <p>For {course.client.displayName}. We wrote this plan together at the end of our sessions.</p>
      {missing.length > 0 ? (
        <p className="notice no-print">
          Not written yet: {missing.map((part) => part.heading.toLowerCase()).join(", ")}. Add them in the
          termination checklist on the course page.
        </p>
      ) : null}
      {parts.map((part) => {
        const text = plan[part.key]?.trim();
        return (
          <section key={part.key} className="section section--flat" aria-labelledby={`handout-${part.key}`}>
            <h2 id={`handout-${part.key}`} className="section__title">
              {part.heading}
            </h2>
            <p>{part.intro}</p>
            {text ? <p className="prewrap">{text}</p> : <p className="muted">Not written yet.</p>}
          </section>
        );
      })}
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          Print the handout
        </button>
      </p>
    </div>
  );
}

/** The handout page: the course as cached by the course pages. */
export function RelapsePlanHandoutRoute() {
  const { courseId = "" } = useParams();
  const course = useCourse(courseId);
  if (course.isPending || course.isError) {
    return (
      <div className="page">
        <PageHeading>My plan for staying well</PageHeading>
        <QueryFallback
          query={course}
          loading="Loading the plan…"
          errorTitle="The plan could not be loaded."
        />
      </div>
    );
  }
  return <RelapsePlanHandout course={course.data} />;
}
