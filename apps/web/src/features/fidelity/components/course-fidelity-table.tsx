import { TableWrap } from "../../../components/table-wrap";
import {
  FIDELITY_DISAGREEMENT,
  fidelityPassSources,
  REVIEW_SAMPLE_SIZE,
  reviewSampleSources,
  type CourseFidelity,
  type SessionFidelity,
} from "@ipt/shared";
import { sessionStatusLabels } from "../../../components/clinical/labels";
import { SourceTags } from "../../../components/clinical/source-tags";
import { SummaryRow } from "../../../components/summary-row";
import { SessionWhen } from "../../../components/clinical/session-when";
import { DisagreementList } from "./fidelity-rating-view";
import { averageAgainstPassMark, disagreementsOf, formatAverage } from "./fidelity-text";
import "./fidelity.css";

const notRated = <span className="muted">Not rated</span>;

const averageText = (average: number | null) =>
  average === null ? "None (all not applicable)" : formatAverage(average);

function SupervisorAverages({ session, withNames }: { session: SessionFidelity; withNames: boolean }) {
  const ratings = session.supervisorRatings;
  if (ratings.length === 0) return notRated;
  if (!withNames) return <>{ratings.map((rating) => averageText(rating.average)).join(", ")}</>;
  return (
    <ul className="plain-list">
      {ratings.map((rating) => (
        <li key={rating.id}>
          {averageText(rating.average)} ({rating.rater.name})
        </li>
      ))}
    </ul>
  );
}

function FidelityRow({ session, withNames }: { session: SessionFidelity; withNames: boolean }) {
  return (
    <tr className={session.sampled ? "row--sampled" : undefined}>
      <th scope="row">
        {session.number === null ? "Cancelled session" : `Session ${session.number}`}
        <span className="cell__note">
          <SessionWhen session={session} />, {sessionStatusLabels[session.status].toLowerCase()}
        </span>
      </th>
      <td>{session.sampled ? <span className="badge badge--sampled">Yes</span> : "No"}</td>
      <td>{session.selfRating ? averageText(session.selfRating.average) : notRated}</td>
      <td>
        <SupervisorAverages session={session} withNames={withNames} />
      </td>
      <td>{session.reviewed ? "Yes" : "No"}</td>
      <td>
        <DisagreementList disagreements={disagreementsOf(session)} withNames={withNames} empty="None" />
      </td>
    </tr>
  );
}

/** The course's averages per role against the pass mark, with its source. */
function CourseAverages({ fidelity }: { fidelity: CourseFidelity }) {
  const { averages, passMark } = fidelity;
  return (
    <dl className="summary">
      <SummaryRow term="Self-rating average for the course">
        {averages.self === null ? notRated : averageAgainstPassMark(averages.self, passMark)}
      </SummaryRow>
      <SummaryRow term="Supervisor average for the course">
        {averages.supervisor === null ? notRated : averageAgainstPassMark(averages.supervisor, passMark)}
      </SummaryRow>
      <SummaryRow term="Pass mark">
        An average of {formatAverage(passMark)} or more on the 1–5 scale (IPT Institute){" "}
        <SourceTags tags={fidelityPassSources} />
      </SummaryRow>
    </dl>
  );
}

/**
 * Every counted session of a course with its fidelity ratings: whether it is proposed for review
 * and has been reviewed, the self-rating and supervisor averages, and each item rated
 * FIDELITY_DISAGREEMENT or more apart. Then the course's averages against the pass mark.
 */
export function CourseFidelityTable({ fidelity }: { fidelity: CourseFidelity }) {
  // A supervisor here by id; one of the instance the course was imported from by their reference.
  const supervisors = new Set(
    fidelity.sessions.flatMap((session) =>
      session.supervisorRatings.map((rating) => rating.rater.id ?? rating.rater.external),
    ),
  );
  const withNames = supervisors.size > 1;
  return (
    <div className="stack">
      <p className="section__intro">
        {REVIEW_SAMPLE_SIZE} sessions of each course are proposed at random for a supervisor’s formal review,
        as in the UK Level B standard (at least 3 per case). <SourceTags tags={reviewSampleSources} /> A
        session counts as reviewed once a supervisor has rated it. Self and supervisor scores{" "}
        {FIDELITY_DISAGREEMENT} or more apart on an item are listed.
      </p>
      {fidelity.sessions.length === 0 ? (
        <p className="muted">The course has no sessions to rate yet.</p>
      ) : (
        <TableWrap label="Fidelity ratings by session">
          <table className="table">
            <caption>Fidelity ratings by session</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Sampled for review</th>
                <th scope="col">Self-rating average</th>
                <th scope="col">Supervisor average</th>
                <th scope="col">Reviewed</th>
                <th scope="col">Items rated {FIDELITY_DISAGREEMENT} or more apart</th>
              </tr>
            </thead>
            <tbody>
              {fidelity.sessions.map((session) => (
                <FidelityRow key={session.sessionId} session={session} withNames={withNames} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <CourseAverages fidelity={fidelity} />
    </div>
  );
}
