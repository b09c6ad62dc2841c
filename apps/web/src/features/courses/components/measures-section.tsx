import { measureFlagCodes, type Flag, type MeasureSummary } from "@ipt/shared";
import { Link } from "react-router";
import { FlagNotices } from "../../../components/clinical/flag-badges";
import { MeasureSummaryList } from "../../../components/clinical/measure-summary";
import {
  needsNonResponseReview,
  NonResponseSuggestions,
} from "../../../components/clinical/non-response-suggestions";
import { paths } from "../../../config/paths";

const raisedByMeasures: ReadonlySet<Flag["code"]> = new Set(measureFlagCodes);

/**
 * Where each of a course's flags is shown, once: red flags (risk, reliable deterioration) and the
 * course-plan flags at the top of the page, red first; the other measurement flags in the Measures
 * section. The API's order (most serious first) is kept within each.
 */
export function splitFlags(flags: readonly Flag[]): { top: Flag[]; measures: Flag[] } {
  const red = flags.filter((flag) => flag.severity === "red");
  const rest = flags.filter((flag) => flag.severity !== "red");
  return {
    top: [...red, ...rest.filter((flag) => !raisedByMeasures.has(flag.code))],
    measures: rest.filter((flag) => raisedByMeasures.has(flag.code)),
  };
}

/**
 * The course's measures at a glance: latest PHQ-9 and GAD-7 with their bands, the PHQ-9 change
 * from baseline, the outcome status and the measurement alerts. When the course is not
 * on track, what the sources suggest. Scores are entered and charted on the measures page.
 */
export function MeasuresSection({
  courseId,
  measures,
  flags,
}: {
  courseId: string;
  measures: MeasureSummary;
  /** The course's amber measurement flags (see `splitFlags`: red ones are at the top of the page). */
  flags: readonly Flag[];
}) {
  return (
    <>
      <FlagNotices flags={flags} />
      <MeasureSummaryList measures={measures} />
      {needsNonResponseReview(flags) ? <NonResponseSuggestions /> : null}
      <ul className="link-list">
        <li>
          <Link to={paths.clinical.courseMeasures.getHref(courseId)}>Scores and trend</Link>
        </li>
        <li>
          <Link to={paths.clinical.courseSummary.getHref(courseId)}>End-of-treatment summary</Link>
        </li>
      </ul>
    </>
  );
}
