import {
  courseFormats,
  formatPresets,
  lineagePresets,
  lineages,
  type CourseFormat,
  type Lineage,
} from "@ipt/shared";
import { SourceTags } from "../../../components/clinical/source-tags";
import { ChoiceGroup } from "../../../components/form-fields";

const formatOptions = courseFormats.map((format) => ({
  value: format,
  label: formatPresets[format].label,
  hint: (
    <>
      {formatPresets[format].note} <SourceTags tags={formatPresets[format].sources} />
    </>
  ),
}));

const lineageOptions = lineages.map((lineage) => ({
  value: lineage,
  label: lineagePresets[lineage].label,
  hint: <SourceTags tags={lineagePresets[lineage].sources} />,
}));

/** The messages for a missing choice (the shared schema's enum messages are not written for people). */
export const courseFormatMessages = {
  format: "Choose the course format.",
  lineage: "Choose the manual lineage.",
} as const;

/**
 * A course's format and manual lineage: two radio groups, named `format` and `lineage`, for the
 * first course (set-up step 1) and for any later one (started on the client's page).
 */
export function CourseFormatFields({
  errors,
  defaultFormat = "standard",
  defaultLineage = "weissman",
}: {
  errors: { format?: string | undefined; lineage?: string | undefined };
  defaultFormat?: CourseFormat;
  defaultLineage?: Lineage;
}) {
  return (
    <>
      <ChoiceGroup
        type="radio"
        name="format"
        legend="Course format"
        options={formatOptions}
        defaultSelected={[defaultFormat]}
        error={errors.format}
      />
      <ChoiceGroup
        type="radio"
        name="lineage"
        legend="Manual lineage"
        hint="Decides which problem areas the formulation offers."
        options={lineageOptions}
        defaultSelected={[defaultLineage]}
        error={errors.lineage}
      />
    </>
  );
}
