import type { CourseDetail } from "@ipt/shared";
import { useQueries } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { AgendaList } from "../../components/clinical/agenda-list";
import { ContractSummary, FocusSummary } from "../../components/clinical/course-summary";
import { SourceKey } from "../../components/clinical/source-tags";
import { PageHeading } from "../../components/page-heading";
import { QueryFallback } from "../../components/states";
import { paths } from "../../config/paths";
import { useCourse } from "../../features/courses/api/get-course";
import { PlanPreview } from "../../features/courses/components/plan-preview";
import { getSessionQueryOptions } from "../../features/sessions/api/get-session";
import { formatDate } from "../../lib/format";

/** The tags used by the course's rules and warnings; agenda tags are printed with each item. */
function courseTags(course: CourseDetail): string[] {
  return [...course.flags, ...course.warnings].flatMap((entry) => entry.sources);
}

function ClientSummary({ course }: { course: CourseDetail }) {
  return (
    <dl className="summary">
      <div className="summary__row">
        <dt>Client</dt>
        <dd>{course.client.displayName}</dd>
      </div>
      <div className="summary__row">
        <dt>Working diagnosis</dt>
        <dd>{course.client.workingDiagnosis || <span className="muted">Not recorded</span>}</dd>
      </div>
    </dl>
  );
}

/** Every session's stored agenda (the same cache entries the session pages use). */
function useAgendas(course: CourseDetail | undefined) {
  const sessions = course?.sessions.filter((session) => session.status !== "cancelled") ?? [];
  const results = useQueries({ queries: sessions.map((session) => getSessionQueryOptions(session.id)) });
  return new Map(sessions.map((session, index) => [session.id, results[index]] as const));
}

/** A clean, printable copy of the plan: client, contract, focus and every session's agenda. */
export function CoursePrintRoute() {
  const { courseId = "" } = useParams();
  const course = useCourse(courseId);
  const agendas = useAgendas(course.data);

  if (course.isPending || course.isError) {
    return (
      <div className="page">
        <PageHeading>Printable plan</PageHeading>
        <QueryFallback
          query={course}
          loading="Loading the plan…"
          errorTitle="The plan could not be loaded."
        />
      </div>
    );
  }

  const data = course.data;
  const agendaOf = (sessionId: string) => {
    const result = agendas.get(sessionId);
    if (result?.data) return <AgendaList agenda={result.data.agenda} />;
    return (
      <p className="muted">{result?.isError ? "The agenda could not be loaded." : "Loading the agenda…"}</p>
    );
  };
  const tags = [
    ...courseTags(data),
    ...[...agendas.values()].flatMap((result) => result?.data?.agenda.flatMap((item) => item.sources) ?? []),
  ];
  return (
    <div className="page print-page">
      <p className="back-link no-print">
        <Link to={paths.therapist.course.getHref(data.id)}>Back to the course</Link>
      </p>
      <PageHeading title={`Printable plan: ${data.client.displayName}`}>
        IPT session plan: {data.client.displayName}
      </PageHeading>
      <p className="muted">Printed from the IPT Session Planner on {formatDate(new Date().toISOString())}.</p>
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <section className="print-section" aria-labelledby="print-client-heading">
        <h2 id="print-client-heading">Client</h2>
        <ClientSummary course={data} />
      </section>
      <section className="print-section" aria-labelledby="print-contract-heading">
        <h2 id="print-contract-heading">Contract</h2>
        <ContractSummary course={data} />
      </section>
      <section className="print-section" aria-labelledby="print-focus-heading">
        <h2 id="print-focus-heading">Problem area and formulation</h2>
        <FocusSummary course={data} />
      </section>
      <section className="print-section" aria-labelledby="print-sessions-heading">
        <h2 id="print-sessions-heading">Sessions</h2>
        <PlanPreview course={data} agendaOf={agendaOf} />
      </section>
      <section className="print-section" aria-labelledby="print-sources-heading">
        <h2 id="print-sources-heading">Sources</h2>
        <SourceKey tags={tags} />
      </section>
    </div>
  );
}
