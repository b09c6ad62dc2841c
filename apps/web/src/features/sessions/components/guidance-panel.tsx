import {
  areaGuidance,
  areaGuidanceFor,
  disputeStageGuidance,
  phaseGuidance,
  phaseLabelFor,
  sensitivityGuidance,
  techniqueGuidance,
  type GuidanceItem,
  type SessionDetail,
} from "@ipt/shared";
import { SourceTags } from "../../../components/clinical/source-tags";

function GuidanceList({ items }: { items: readonly GuidanceItem[] }) {
  return (
    <ul className="guidance__list">
      {items.map((item) => (
        <li key={item.key}>
          {item.text} <SourceTags tags={item.sources} />
        </li>
      ))}
    </ul>
  );
}

/** Guidance for this session: the tasks of its phase and the course's problem area, with sources. */
export function GuidancePanel({ session }: { session: SessionDetail }) {
  const { course, phase } = session;
  const area = course.primaryArea;
  return (
    <aside className="guidance" aria-labelledby="guidance-heading">
      <h2 id="guidance-heading" className="guidance__title">
        Guidance
      </h2>
      {phase ? (
        <div className="guidance__part">
          <h3 id="guidance-phase-heading">{phaseLabelFor(phase, course.lineage)}</h3>
          <p className="muted">{phaseGuidance[phase].sessions}</p>
          <GuidanceList items={phaseGuidance[phase].tasks} />
        </div>
      ) : null}
      {area ? (
        <div className="guidance__part">
          <h3 id="guidance-area-heading">Problem area: {areaGuidanceFor(area, course.lineage).label}</h3>
          <p>
            {areaGuidanceFor(area, course.lineage).definition}{" "}
            <SourceTags
              tags={areaGuidance[area].lineageVariants[course.lineage]?.sources ?? areaGuidance[area].sources}
            />
          </p>
          <h4>Goals</h4>
          <GuidanceList items={areaGuidance[area].goals} />
          <h4>Strategies</h4>
          <GuidanceList items={areaGuidance[area].strategies} />
          <h4>Typical techniques</h4>
          <p>
            {areaGuidance[area].techniques.map((technique) => techniqueGuidance[technique].label).join(", ")}.
          </p>
        </div>
      ) : (
        <p>No problem area has been chosen for this course yet.</p>
      )}
      {course.disputeStage ? (
        <div className="guidance__part">
          <h3 id="guidance-stage-heading">
            Dispute stage: {disputeStageGuidance[course.disputeStage].label}
          </h3>
          <p>{disputeStageGuidance[course.disputeStage].description}</p>
          <p>
            Therapist’s task: {disputeStageGuidance[course.disputeStage].therapistTask}{" "}
            <SourceTags tags={disputeStageGuidance[course.disputeStage].sources} />
          </p>
        </div>
      ) : null}
      {course.sensitivityModifier ? (
        <div className="guidance__part">
          <h3 id="guidance-sensitivity-heading">{sensitivityGuidance.label}</h3>
          <p>
            {sensitivityGuidance.definition} <SourceTags tags={sensitivityGuidance.sources} />
          </p>
          <GuidanceList items={sensitivityGuidance.goals} />
        </div>
      ) : null}
    </aside>
  );
}
