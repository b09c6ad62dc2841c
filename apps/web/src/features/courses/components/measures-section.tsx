import { nonResponseSuggestions, type Flag, type MeasureSummary } from "@ipt/shared";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { FlagNotices } from "../../../components/clinical/flag-badges";
import { formatChange } from "../../../components/clinical/measure-text";
import { SourceTags } from "../../../components/clinical/source-tags";
import { paths } from "../../../config/paths";

/** Flags raised by the measures (risk, alerts, schedule, attendance) rather than by the course plan. */
const measureFlagCodes: ReadonlySet<Flag["code"]> = new Set<Flag["code"]>([
  "risk_item9",
  "reliable_deterioration",
  "not_on_track",
  "early_non_response",
  "measures_overdue",
  "no_shows_in_a_row",
]);

/** The alerts that call for the sources' suggestions on a course that is not on track. */
const nonResponseCodes: ReadonlySet<Flag["code"]> = new Set<Flag["code"]>([
  "not_on_track",
  "early_non_response",
]);

/**
 * Where each of a course's flags is shown, once: red flags (risk, reliable deterioration) and the
 * course-plan flags at the top of the page, red first; the other measurement flags in the Measures
 * section. The API's order (most serious first) is kept within each.
 */
export function splitFlags(flags: readonly Flag[]): { top: Flag[]; measures: Flag[] } {
  const red = flags.filter((flag) => flag.severity === "red");
  const rest = flags.filter((flag) => flag.severity !== "red");
  return {
    top: [...red, ...rest.filter((flag) => !measureFlagCodes.has(flag.code))],
    measures: rest.filter((flag) => measureFlagCodes.has(flag.code)),
  };
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="summary__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const none = <span className="muted">No scores yet</span>;

function Latest({ score }: { score: MeasureSummary["latestPhq9"] }) {
  if (!score) return none;
  return (
    <>
      {score.total} ({score.band.label}), session {score.sessionNumber}
    </>
  );
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
  const offTrack = flags.some((flag) => nonResponseCodes.has(flag.code));
  return (
    <>
      <FlagNotices flags={flags} />
      <dl className="summary">
        <Row term="Latest PHQ-9">
          <Latest score={measures.latestPhq9} />
        </Row>
        <Row term="Latest GAD-7">
          <Latest score={measures.latestGad7} />
        </Row>
        <Row term="PHQ-9 change from baseline">
          {measures.phq9Change === null ? (
            <span className="muted">Needs a baseline and a later PHQ-9</span>
          ) : (
            formatChange(measures.phq9Change, measures.phq9ReductionPercent)
          )}
        </Row>
        <Row term="Outcome">{measures.statusLabel}</Row>
        <Row term="Open risk flags">
          {measures.openRiskFlags > 0 ? (
            <strong className="text-risk">{measures.openRiskFlags} open</strong>
          ) : (
            "None"
          )}
        </Row>
      </dl>
      {offTrack ? (
        <div className="notice notice--important">
          <p className="notice__title">When a course is not on track, the sources suggest:</p>
          <ul className="notice__list">
            {nonResponseSuggestions.map((suggestion) => (
              <li key={suggestion.text}>
                {suggestion.text} <SourceTags tags={suggestion.sources} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
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
