import {
  disputeStageGuidance,
  disputeStages,
  lineagePresets,
  problemAreaErrors,
  problemAreaRequest,
  sensitivityGuidance,
  type CourseDetail,
  type DisputeStage,
  type ProblemArea,
} from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import {
  CheckboxField,
  ChoiceGroup,
  SelectField,
  SubmitButton,
  TextAreaField,
} from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { inFieldOrder, noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadCourse } from "../api/get-course";
import { useSetProblemArea } from "../api/set-problem-area";
import { AreaDescription, areaLabel } from "./area-text";
import { CourseWarnings } from "./course-warnings";

const fieldNames = fieldNamesOf(problemAreaRequest);

const stageOptions = disputeStages.map((stage) => {
  const guidance = disputeStageGuidance[stage];
  return {
    value: stage,
    label: guidance.label,
    hint: (
      <>
        <p className="choice__text">{guidance.description}</p>
        <p className="choice__text">
          Therapist’s task: {guidance.therapistTask} <SourceTags tags={guidance.sources} />
        </p>
      </>
    ),
  };
});

/** The shared rules name the modifier `sensitivity`; the request calls it `sensitivityModifier`. */
function ruleErrors(errors: ReturnType<typeof problemAreaErrors>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { field, message } of errors) {
    fields[field === "sensitivity" ? "sensitivityModifier" : field] ??= message;
  }
  return fields;
}

/**
 * The problem area of the formulation: one primary area of the course's lineage, a stage when it is
 * a role dispute, an optional secondary area and, for Stuart & Robertson, the sensitivity modifier.
 * With `onContinue` (course set-up) saving moves on, unless the saved area has warnings to read.
 */
export function ProblemAreaForm({ course, onContinue }: { course: CourseDetail; onContinue?: () => void }) {
  const setProblemArea = useSetProblemArea();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);
  const [primary, setPrimary] = useState<string>(course.primaryArea ?? "");
  const [secondary, setSecondary] = useState<string>(course.secondaryArea ?? "");
  const lineage = lineagePresets[course.lineage];
  const isDispute = primary === "role_dispute" || secondary === "role_dispute";
  const needsReason = course.phase !== "initial";

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (setProblemArea.isPending) return;
    const data = new FormData(event.currentTarget);
    const values = {
      version: course.version,
      primaryArea: primary || undefined,
      secondaryArea: secondary || null,
      disputeStage: isDispute ? formText(data, "disputeStage") || null : null,
      sensitivityModifier: lineage.sensitivityModifier && data.has("sensitivityModifier"),
      reason: needsReason ? formText(data, "reason") : undefined,
    };
    const parsed = problemAreaRequest.safeParse(values);
    const fields = {
      ...ruleErrors(
        problemAreaErrors({
          lineage: course.lineage,
          primaryArea: (values.primaryArea as ProblemArea | undefined) ?? null,
          secondaryArea: values.secondaryArea as ProblemArea | null,
          disputeStage: values.disputeStage as DisputeStage | null,
          sensitivity: values.sensitivityModifier,
        }),
      ),
      ...(parsed.success ? {} : formErrorsFromZod(parsed.error).fields),
    };
    if (!values.primaryArea) fields.primaryArea = "Choose the primary problem area.";
    if (needsReason && !values.reason?.trim())
      fields.reason = "Give the reason for changing the problem area.";
    if (!parsed.success || Object.keys(fields).length > 0) {
      setErrors({ ...noWriteErrors, fields: inFieldOrder(fields, fieldNames) });
      return;
    }
    setStatus(null);
    setErrors(noWriteErrors);
    setProblemArea.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: (saved) => {
          setStatus("Problem area saved.");
          if (onContinue && saved.warnings.length === 0) onContinue();
        },
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  const areaOptions = lineage.problemAreas.map((area) => ({
    value: area,
    label: areaLabel(area, course.lineage),
    hint: <AreaDescription area={area} lineage={course.lineage} />,
  }));

  return (
    <form ref={formRef} className="form form--wide" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <ChoiceGroup
        type="radio"
        name="primaryArea"
        legend="Primary problem area"
        hint={`${lineage.label}. Focus on one area if possible: the one that matters most to the client.`}
        options={areaOptions}
        selected={primary ? [primary] : []}
        onToggle={(area) => {
          setPrimary(area);
          if (secondary === area) setSecondary("");
        }}
        error={errors.fields.primaryArea}
      />
      {isDispute ? (
        <ChoiceGroup
          type="radio"
          name="disputeStage"
          legend="Stage of the role dispute"
          hint="Required for a role dispute: the plan of action depends on the stage."
          options={stageOptions}
          defaultSelected={course.disputeStage ? [course.disputeStage] : []}
          error={errors.fields.disputeStage}
        />
      ) : null}
      <SelectField
        name="secondaryArea"
        label="Secondary problem area (optional)"
        hint="Only if a second area clearly matters too; a warning reminds you to keep one focus."
        value={secondary}
        onChange={(event) => setSecondary(event.currentTarget.value)}
        error={errors.fields.secondaryArea}
      >
        <option value="">None</option>
        {lineage.problemAreas
          .filter((area) => area !== primary)
          .map((area) => (
            <option key={area} value={area}>
              {areaLabel(area, course.lineage)}
            </option>
          ))}
      </SelectField>
      {lineage.sensitivityModifier ? (
        <CheckboxField
          name="sensitivityModifier"
          label="Interpersonal sensitivity complicates this area"
          hint={
            <>
              {sensitivityGuidance.definition} <SourceTags tags={sensitivityGuidance.sources} />
            </>
          }
          defaultChecked={course.sensitivityModifier}
          aria-invalid={errors.fields.sensitivityModifier ? true : undefined}
        />
      ) : null}
      {needsReason ? (
        <TextAreaField
          name="reason"
          label="Reason for the change"
          hint="The course has left the initial phase, so the change is recorded with its reason."
          rows={2}
          maxLength={1000}
          required
          error={errors.fields.reason}
        />
      ) : null}
      <SubmitButton pending={setProblemArea.isPending} pendingLabel="Saving…">
        {onContinue ? "Save and continue" : "Save problem area"}
      </SubmitButton>
      <LiveStatus message={status} />
      <CourseWarnings warnings={course.warnings} />
    </form>
  );
}
