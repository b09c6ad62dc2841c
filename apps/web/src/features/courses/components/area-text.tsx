import { areaGuidance, areaGuidanceFor, type Lineage, type ProblemArea } from "@ipt/shared";
import { SourceTags } from "../../../components/clinical/source-tags";

/** The area's name as the course's lineage uses it. */
export function areaLabel(area: ProblemArea, lineage: Lineage): string {
  return areaGuidanceFor(area, lineage).label;
}

/** Definition and goals of an area, with sources, as the hint under its choice. */
export function AreaDescription({ area, lineage }: { area: ProblemArea; lineage: Lineage }) {
  const guidance = areaGuidance[area];
  const { definition } = areaGuidanceFor(area, lineage);
  return (
    <>
      <p className="choice__text">
        {definition} <SourceTags tags={guidance.lineageVariants[lineage]?.sources ?? guidance.sources} />
      </p>
      <p className="choice__text">Goals:</p>
      <ul className="choice__list">
        {guidance.goals.map((goal) => (
          <li key={goal.key}>
            {goal.text} <SourceTags tags={goal.sources} />
          </li>
        ))}
      </ul>
    </>
  );
}
