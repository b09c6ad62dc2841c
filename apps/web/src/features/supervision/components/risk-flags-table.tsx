import { instrumentDefinitions, type SupervisionRiskFlag } from "@ipt/shared";
import { Link } from "react-router";
import { EmptyState } from "../../../components/states";
import { TableWrap } from "../../../components/table-wrap";
import { paths } from "../../../config/paths";
import { formatDate } from "../../../lib/format";
import { AcknowledgeCell } from "./acknowledge-cell";

export const NO_OPEN_FLAGS = "No open risk flags among your supervisees' clients.";

/** "2: More than half the days" — the PHQ-9 item 9 answer with its wording on the form. */
export function itemAnswerText(value: number): string {
  const option = instrumentDefinitions.phq9.answerOptions.find((answer) => answer.value === value);
  return option ? `${value}: ${option.label}` : `${value}`;
}

/**
 * The open risk flags of the supervisees' clients, those awaiting the supervisor's acknowledgement
 * first, then oldest first (as the API gives them). Every row is urgent, so each says so in words as
 * well as in red.
 */
export function RiskFlagsTable({ flags }: { flags: readonly SupervisionRiskFlag[] }) {
  if (flags.length === 0) return <EmptyState title={NO_OPEN_FLAGS} />;
  const caption = "Open risk flags, those awaiting your acknowledgement first";
  return (
    <TableWrap label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Therapist</th>
            <th scope="col">Raised</th>
            <th scope="col">PHQ-9 item 9 answer</th>
            <th scope="col">Safety follow-up</th>
            <th scope="col">Escalation</th>
            <th scope="col">Record</th>
          </tr>
        </thead>
        <tbody>
          {flags.map((flag) => (
            <tr key={flag.riskFlagId} className="row--risk">
              <th scope="row">{flag.client.displayName}</th>
              <td>{flag.therapist.name}</td>
              <td>
                {flag.sessionNumber === null ? "No session" : `Session ${flag.sessionNumber}`}
                <span className="cell__note">
                  <time dateTime={flag.raisedAt}>{formatDate(flag.raisedAt)}</time>
                </span>
              </td>
              <td>
                <span className="badge badge--flag badge--flag-red">
                  <span aria-hidden="true">! </span>
                  <span className="badge__severity">Urgent:</span> {itemAnswerText(flag.itemValue)}
                </span>
              </td>
              <td>
                {flag.followUpRecorded ? "Recorded" : <strong className="text-risk">Not recorded</strong>}
              </td>
              <td>
                <AcknowledgeCell flag={flag} />
              </td>
              <td>
                <Link to={paths.clinical.courseMeasures.getHref(flag.courseId)}>
                  Scores and risk<span className="visually-hidden"> for {flag.client.displayName}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
