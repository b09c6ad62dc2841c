import { FIDELITY_PASS_MARK, fidelityPassSources, type TherapistSummary } from "@ipt/shared";
import { Link } from "react-router";
import { SourceTags } from "../../../components/clinical/source-tags";
import { EmptyState } from "../../../components/states";
import { TableWrap } from "../../../components/table-wrap";
import { paths } from "../../../config/paths";

export const NO_SUPERVISEES = "No supervisees are assigned to you yet.";

// Built on first use (see lib/format.ts on the cost of a page's first Intl formatter).
let percentFormat: Intl.NumberFormat | undefined;
let ratingFormat: Intl.NumberFormat | undefined;

/** A share (0–1) of the measured courses: 0.5 of 4 → "50% of 4"; null without a measured course. */
export function shareText(share: number | null, measuredCourses: number): string | null {
  if (share === null || measuredCourses === 0) return null;
  return `${(percentFormat ??= new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 })).format(share)} of ${measuredCourses}`;
}

/** A 1–5 fidelity rating: 3 → "3.0", 2.96 → "2.96" (never rounded up to the pass mark). */
export function formatRating(value: number): string {
  return (ratingFormat ??= new Intl.NumberFormat("en-GB", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  })).format(value);
}

/** Active clients with any overdue item: "None", "1 client", "3 clients". */
export function overdueText(clients: number): string {
  if (clients === 0) return "None";
  return `${clients} client${clients === 1 ? "" : "s"}`;
}

function ShareCell({ share, measuredCourses }: { share: number | null; measuredCourses: number }) {
  const text = shareText(share, measuredCourses);
  return text ? (
    <span className="cell--nowrap">{text}</span>
  ) : (
    <span className="cell__note">No measured courses</span>
  );
}

function FidelityCell({ summary }: { summary: TherapistSummary }) {
  const { fidelityAverage, fidelityRatings } = summary;
  if (fidelityAverage === null) return <span className="cell__note">Not rated yet</span>;
  const passMark = `pass mark ${formatRating(FIDELITY_PASS_MARK)}`;
  return (
    <>
      <span className="score">{formatRating(fidelityAverage)}</span>{" "}
      {fidelityAverage >= FIDELITY_PASS_MARK ? (
        <span className="badge">Meets {passMark}</span>
      ) : (
        <span className="badge badge--flag">Below {passMark}</span>
      )}
      <span className="cell__note">
        {fidelityRatings} supervisor rating{fidelityRatings === 1 ? "" : "s"}
      </span>
    </>
  );
}

/**
 * Each supervisee at a glance. A therapist's name shows only their clients in the cockpit below;
 * `selectedTherapistId` is the one shown now.
 */
export function TherapistSummaryTable({
  summaries,
  selectedTherapistId,
}: {
  summaries: readonly TherapistSummary[];
  selectedTherapistId?: string | undefined;
}) {
  if (summaries.length === 0) {
    return (
      <EmptyState title={NO_SUPERVISEES}>
        <p>An administrator assigns the therapists you supervise.</p>
      </EmptyState>
    );
  }
  const caption = "Supervisees at a glance";
  return (
    <>
      <p className="section__intro">
        Response and remission are shares of the courses with a baseline PHQ-9 high enough for percentage
        rules and a later PHQ-9. Overdue items counts active clients with measures overdue, unsigned sessions
        or the ending not raised. Fidelity is the average of supervisor ratings from 1 to 5; the pass mark is{" "}
        {formatRating(FIDELITY_PASS_MARK)} <SourceTags tags={fidelityPassSources} />. Select a therapist to
        show only their clients.
      </p>
      <TableWrap label={caption}>
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Therapist</th>
              <th scope="col">Active clients</th>
              <th scope="col">Response</th>
              <th scope="col">Remission</th>
              <th scope="col">Open risk flags</th>
              <th scope="col">Overdue items</th>
              <th scope="col">Fidelity</th>
            </tr>
          </thead>
          <tbody>
            {summaries.map((summary) => {
              const { therapist } = summary;
              const selected = therapist.id === selectedTherapistId;
              return (
                <tr key={therapist.id} className={summary.openRiskFlags > 0 ? "row--risk" : undefined}>
                  <th scope="row">
                    <Link
                      to={paths.supervision.cockpit.getHref({ therapistId: therapist.id })}
                      aria-current={selected ? "true" : undefined}
                    >
                      {therapist.name}
                    </Link>
                    {selected ? <span className="cell__note">Their clients are shown below</span> : null}
                  </th>
                  <td>{summary.activeClients}</td>
                  <td>
                    <ShareCell share={summary.responseShare} measuredCourses={summary.measuredCourses} />
                  </td>
                  <td>
                    <ShareCell share={summary.remissionShare} measuredCourses={summary.measuredCourses} />
                  </td>
                  <td>
                    {summary.openRiskFlags > 0 ? (
                      <span className="badge badge--flag badge--flag-red">
                        <span aria-hidden="true">! </span>
                        <span className="badge__severity">Urgent:</span> {summary.openRiskFlags} open
                      </span>
                    ) : (
                      "None"
                    )}
                  </td>
                  <td>{overdueText(summary.overdueItems)}</td>
                  <td>
                    <FidelityCell summary={summary} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
