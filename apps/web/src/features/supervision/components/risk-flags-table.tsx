import { instrumentDefinitions, type SupervisionRiskFlag } from "@ipt/shared";
import { Link } from "react-router";
import { EmptyState } from "../../../components/states";
import { DataTable, type Column } from "../../../components/data-table";
import { paths } from "../../../config/paths";
import { formatDate } from "../../../lib/format";
import { AcknowledgeCell } from "./acknowledge-cell";

export const NO_OPEN_FLAGS = "No open risk flags among your supervisees' clients.";

/** "2: More than half the days" — the PHQ-9 item 9 answer with its wording on the form. */
export function itemAnswerText(value: number): string {
  const option = instrumentDefinitions.phq9.answerOptions.find((answer) => answer.value === value);
  return option ? `${value}: ${option.label}` : `${value}`;
}

const columns: Column<SupervisionRiskFlag>[] = [
  { key: "client", header: "Client", cell: (flag) => flag.client.displayName },
  {
    key: "answer",
    header: "PHQ-9 item 9 answer",
    cell: (flag) => (
      <span className="badge badge--flag badge--flag-red">
        <span aria-hidden="true">! </span>
        <span className="badge__severity">Urgent:</span> {itemAnswerText(flag.itemValue)}
      </span>
    ),
  },
  { key: "escalation", header: "Escalation", cell: (flag) => <AcknowledgeCell flag={flag} /> },
  { key: "therapist", header: "Therapist", priority: 2, cell: (flag) => flag.therapist.name },
  {
    key: "raised",
    header: "Raised",
    priority: 2,
    cell: (flag) => (
      <>
        {flag.sessionNumber === null ? "No session" : `Session ${flag.sessionNumber}`}
        <span className="cell__note">
          <time dateTime={flag.raisedAt}>{formatDate(flag.raisedAt)}</time>
        </span>
      </>
    ),
  },
  {
    key: "follow-up",
    header: "Safety follow-up",
    priority: 2,
    cell: (flag) =>
      flag.followUpRecorded ? "Recorded" : <strong className="text-risk">Not recorded</strong>,
  },
  {
    key: "record",
    header: "Record",
    priority: 3,
    cell: (flag) => (
      <Link to={paths.clinical.courseMeasures.getHref(flag.courseId)}>
        Scores and risk<span className="visually-hidden"> for {flag.client.displayName}</span>
      </Link>
    ),
  },
];

/**
 * The open risk flags of the supervisees' clients, those awaiting the supervisor's acknowledgement
 * first, then oldest first (as the API gives them). Every row is urgent, so each says so in words as
 * well as in red; the client, the answer and the acknowledgement stay columns at every width.
 */
export function RiskFlagsTable({ flags }: { flags: readonly SupervisionRiskFlag[] }) {
  return (
    <DataTable
      caption="Open risk flags, those awaiting your acknowledgement first"
      columns={columns}
      rows={flags}
      rowKey={(flag) => flag.riskFlagId}
      rowClassName={() => "row--risk"}
      empty={<EmptyState title={NO_OPEN_FLAGS} />}
    />
  );
}
