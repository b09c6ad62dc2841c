import { areaGuidanceFor, disputeStageGuidance, sensitivityGuidance, type CourseDetail } from "@ipt/shared";
import type { ReactNode } from "react";
import { SummaryRow } from "../summary-row";

type Focus = Pick<
  CourseDetail,
  "lineage" | "primaryArea" | "secondaryArea" | "disputeStage" | "sensitivityModifier" | "formulation"
>;

/**
 * A course's focus as rows of a `<dl className="summary">`: the problem area(s) in the course's
 * lineage's words, the dispute stage, the sensitivity modifier and the formulation. `missing` stands
 * where the primary area or the formulation is not recorded.
 */
export function FocusRows({ course, missing }: { course: Focus; missing: ReactNode }) {
  return (
    <>
      <SummaryRow term="Primary problem area">
        {course.primaryArea ? areaGuidanceFor(course.primaryArea, course.lineage).label : missing}
        {course.disputeStage ? ` (${disputeStageGuidance[course.disputeStage].label.toLowerCase()})` : ""}
      </SummaryRow>
      {course.secondaryArea ? (
        <SummaryRow term="Secondary problem area">
          {areaGuidanceFor(course.secondaryArea, course.lineage).label}
        </SummaryRow>
      ) : null}
      {course.sensitivityModifier ? (
        <SummaryRow term="Modifier">{sensitivityGuidance.label}</SummaryRow>
      ) : null}
      <SummaryRow term="Formulation">
        {course.formulation?.trim() ? <span className="prewrap">{course.formulation}</span> : missing}
      </SummaryRow>
    </>
  );
}
