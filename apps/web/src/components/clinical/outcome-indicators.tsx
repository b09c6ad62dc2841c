// The published outcome definitions a course meets, shown on the measures page and in the
// end-of-treatment summary.
import { OUTCOME_DEFINITIONS, type OutcomeIndicator } from "@ipt/shared";
import { TableWrap } from "../table-wrap";
import { SourceTags } from "./source-tags";

/** "Met", "Not met", "Not applicable": the result in words. */
export function indicatorResult(indicator: Pick<OutcomeIndicator, "met">): string {
  if (indicator.met === null) return "Not applicable";
  return indicator.met ? "Met" : "Not met";
}

const badgeClass = (met: boolean | null) =>
  `badge badge--outcome-${met === null ? "na" : met ? "met" : "not-met"}`;

/**
 * Every published outcome definition with its result, why, and its sources. On screen the result is a
 * coloured badge (with its words); for print it is the words alone.
 */
export function OutcomeIndicatorsTable({
  indicators,
  caption,
  variant,
}: {
  indicators: readonly OutcomeIndicator[];
  caption: string;
  variant: "screen" | "print";
}) {
  const print = variant === "print";
  return (
    <TableWrap label={caption}>
      <table className={print ? "table" : "table table--compact"}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Definition</th>
            <th scope="col">Result</th>
            <th scope="col">{print ? "Detail" : "Why"}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator) => (
            <tr key={indicator.code}>
              <th scope="row">
                {indicator.label} <SourceTags tags={indicator.sources} />
              </th>
              {print ? (
                <td className="cell--nowrap">{indicatorResult(indicator)}</td>
              ) : (
                <td>
                  <span className={badgeClass(indicator.met)}>{indicatorResult(indicator)}</span>
                </td>
              )}
              <td>{indicator.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Why response, partial response and remission are not applicable: baseline PHQ-9 under 10. */
export function PercentRulesNote() {
  const { text, sources } = OUTCOME_DEFINITIONS.percentRulesMinBaselinePhq9;
  return (
    <p>
      {text} <SourceTags tags={sources} />
    </p>
  );
}
