import {
  areaGuidance,
  griefTasksFor,
  hasGriefArea,
  areaGuidanceFor,
  phaseLabelFor,
  type AgendaItem,
  type CourseDetail,
} from "@ipt/shared";
import { useQueries } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { AgendaList } from "../../components/clinical/agenda-list";
import { SessionWhen } from "../../components/clinical/session-when";
import { ContractSummary, FocusSummary } from "../../components/clinical/course-summary";
import { GriefTasksSummary } from "../../components/clinical/grief-tasks-summary";
import { SourceKey, SourcesAtTheText } from "../../components/clinical/source-tags";
import { PageHeading } from "../../components/page-heading";
import { QueryFallback } from "../../components/states";
import { paths } from "../../config/paths";
import { useCourse } from "../../features/courses/api/get-course";
import { itemsBeyondUsual, phasePlans, type PhasePlan } from "../../features/courses/components/plan-phases";
import { getSessionQueryOptions } from "../../features/sessions/api/get-session";
import { formatDate } from "../../lib/format";

/** The tags used by the course's rules and warnings; agenda tags are printed with each item. */
function courseTags(course: CourseDetail): string[] {
  const grief = hasGriefArea(course) ? griefTasksFor(course.lineage) : [];
  return [...course.flags, ...course.warnings, ...grief].flatMap((entry) => entry.sources);
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

/** In the middle phase, the goals of the course's problem area. */
function AreaGoals({ plan, course }: { plan: PhasePlan; course: CourseDetail }) {
  if (plan.phase !== "middle" || !course.primaryArea) return null;
  const area = course.primaryArea;
  return (
    <>
      <h4 className="print-phase__subheading">
        Goals for {areaGuidanceFor(area, course.lineage).label.toLowerCase()}
      </h4>
      <ul className="print-phase__list">
        {areaGuidance[area].goals.map((goal) => (
          <li key={goal.key}>{goal.text}</li>
        ))}
      </ul>
    </>
  );
}

/** Each phase once: its sessions, the problem area's goals, and the agenda its sessions share. */
function PhasesSection({ plans, course }: { plans: PhasePlan[]; course: CourseDetail }) {
  return (
    <>
      {plans.map((plan) => {
        const first = plan.sessions[0]?.number;
        const last = plan.sessions.at(-1)?.number;
        const label = plan.phase ? phaseLabelFor(plan.phase, course.lineage) : "No phase";
        return (
          <section key={`${plan.phase}-${first}`} className="print-phase" aria-label={label}>
            <h3 className="print-phase__title">
              {label}: {first === last ? `session ${first}` : `sessions ${first}–${last}`}
            </h3>
            <AreaGoals plan={plan} course={course} />
            {plan.usual.length > 0 ? (
              <>
                <h4 className="print-phase__subheading">
                  {plan.sessions.length > 1 ? "On every session's agenda" : "Agenda"}
                </h4>
                <AgendaList agenda={plan.usual} />
              </>
            ) : (
              <p className="muted">Each session&rsquo;s agenda is listed under Sessions.</p>
            )}
          </section>
        );
      })}
    </>
  );
}

/** The dated sessions, each with only what its agenda adds to its phase's. */
function SessionsList({
  plans,
  agendaOf,
}: {
  plans: PhasePlan[];
  agendaOf: (sessionId: string) => readonly AgendaItem[];
}) {
  return (
    <table className="table table--compact print-sessions">
      <caption className="visually-hidden">Dated sessions</caption>
      <thead>
        <tr>
          <th scope="col">Session</th>
          <th scope="col">Date and time</th>
          <th scope="col">Also on the agenda</th>
        </tr>
      </thead>
      <tbody>
        {plans.flatMap((plan) =>
          plan.sessions.map((session) => {
            const extra = itemsBeyondUsual(agendaOf(session.id), plan.usual);
            return (
              <tr key={session.id}>
                <th scope="row">{session.number}</th>
                <td className="cell--nowrap">
                  <SessionWhen session={session} />
                </td>
                <td>
                  {extra.length === 0 ? (
                    <span className="muted">The phase&rsquo;s agenda</span>
                  ) : (
                    <ul className="print-sessions__extra">
                      {extra.map((item) => (
                        <li key={item.key}>{item.text}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}

/** Every session's stored agenda (the same cache entries the session pages use). */
function useAgendas(course: CourseDetail | undefined) {
  const sessions = course?.sessions.filter((session) => session.status !== "cancelled") ?? [];
  const results = useQueries({ queries: sessions.map((session) => getSessionQueryOptions(session.id)) });
  return new Map(sessions.map((session, index) => [session.id, results[index]] as const));
}

/**
 * The plan as a clinical document: client, contract and focus; each phase once with its tasks,
 * goals and shared agenda; the dated sessions with only what differs; the sources on the last page.
 */
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
  const results = [...agendas.values()];
  const loaded = results.every((result) => result?.data);
  const agendaOf = (sessionId: string) => agendas.get(sessionId)?.data?.agenda ?? [];
  const plans = loaded ? phasePlans(data.sessions, agendaOf) : [];
  const tags = [
    ...courseTags(data),
    ...results.flatMap((result) => result?.data?.agenda.flatMap((item) => item.sources) ?? []),
  ];
  const agendasState = results.some((result) => result?.isError) ? (
    <p className="muted">The agendas could not be loaded.</p>
  ) : (
    <p className="muted">Loading the agendas…</p>
  );
  return (
    <SourcesAtTheText>
      <div className="page print-page">
        <p className="back-link no-print">
          <Link to={paths.therapist.course.getHref(data.id)}>Back to the course</Link>
        </p>
        <PageHeading title={`Printable plan: ${data.client.displayName}`}>
          IPT session plan: {data.client.displayName}
        </PageHeading>
        <p className="muted">
          Printed from the IPT Session Planner on {formatDate(new Date().toISOString())}.
        </p>
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
        {hasGriefArea(data) ? (
          <section className="print-section" aria-labelledby="print-grief-heading">
            <h2 id="print-grief-heading">Grief tasks</h2>
            <GriefTasksSummary course={data} />
          </section>
        ) : null}
        <section className="print-section" aria-labelledby="print-phases-heading">
          <h2 id="print-phases-heading">Phases</h2>
          {loaded ? <PhasesSection plans={plans} course={data} /> : agendasState}
        </section>
        <section className="print-section" aria-labelledby="print-sessions-heading">
          <h2 id="print-sessions-heading">Sessions</h2>
          {data.sessions.length === 0 ? (
            <p className="muted">There is no plan yet: it is generated when the contract is saved.</p>
          ) : loaded ? (
            <SessionsList plans={plans} agendaOf={agendaOf} />
          ) : (
            agendasState
          )}
        </section>
        <section className="print-section print-section--sources" aria-labelledby="print-sources-heading">
          <h2 id="print-sources-heading">Sources</h2>
          <SourceKey tags={tags} />
        </section>
      </div>
    </SourcesAtTheText>
  );
}
