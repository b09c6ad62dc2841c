import {
  FINAL_SCORE_SOURCES,
  NON_RESPONSE_SOURCES,
  nextSteps,
  nonResponseOfferLabels,
  nonResponseOffers,
  phaseGuidance,
  terminationChecklistRequest,
  type CourseDetail,
} from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { Link } from "react-router";
import { SourceTags } from "../../../components/clinical/source-tags";
import { CheckboxField, ChoiceGroup, SubmitButton, TextAreaField } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { paths } from "../../../config/paths";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formText } from "../../../lib/form-data";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useReloadCourse } from "../api/get-course";
import { useUpdateTerminationChecklist } from "../api/update-termination-checklist";
import { nextStepLabels } from "./labels";

const fieldNames = fieldNamesOf(terminationChecklistRequest);
const nextStepOptions = nextSteps.map((step) => ({ value: step, label: nextStepLabels[step] }));
/** The plan's four parts, in the order the handout prints them. */
const relapseFields = [
  {
    name: "relapseWarningSigns",
    label: "Early warning signs",
    hint: "Needed to complete the course.",
    maxLength: 2000,
  },
  { name: "relapseWhatHelped", label: "What helped", hint: "Optional.", maxLength: 2000 },
  { name: "relapsePeople", label: "People to contact", hint: "Optional.", maxLength: 2000 },
  {
    name: "relapsePlan",
    label: "What to do and when to come back",
    hint: "Needed to complete the course.",
    maxLength: 5000,
  },
] as const;

const offerOptions = nonResponseOffers.map((offer) => ({
  value: offer,
  label: nonResponseOfferLabels[offer],
}));

/** The sources behind each checklist item, from the termination guidance. */
function sourcesOf(key: string): string[] {
  return phaseGuidance.termination.tasks.find((task) => task.key === key)?.sources ?? [];
}

/** What the ending must cover: progress, credit to the client, feelings, relapse plan and next step. */
export function TerminationChecklistForm({ course }: { course: CourseDetail }) {
  const updateChecklist = useUpdateTerminationChecklist();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [status, setStatus] = useState<string | null>(null);
  const checklist = course.termination;

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (updateChecklist.isPending) return;
    const data = new FormData(event.currentTarget);
    const parsed = terminationChecklistRequest.safeParse({
      version: course.version,
      progressReviewed: data.has("progressReviewed"),
      gainsCredited: data.has("gainsCredited"),
      feelingsDiscussed: data.has("feelingsDiscussed"),
      relapseWarningSigns: formText(data, "relapseWarningSigns"),
      relapseWhatHelped: formText(data, "relapseWhatHelped"),
      relapsePeople: formText(data, "relapsePeople"),
      relapsePlan: formText(data, "relapsePlan"),
      nextStep: formText(data, "nextStep") || null,
      // Sent only when the form shows them (no final score yet; a non-responding course).
      ...(data.has("noFinalScoreReason") ? { noFinalScoreReason: formText(data, "noFinalScoreReason") } : {}),
      ...(checklist.nonResponding ? { nonResponseOffer: formText(data, "nonResponseOffer") || null } : {}),
    });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setStatus(null);
    setErrors(noWriteErrors);
    updateChecklist.mutate(
      { courseId: course.id, body: parsed.data },
      {
        onSuccess: () => setStatus("Termination checklist saved."),
        onError: (error) => setErrors(writeErrorsFromError(error, fieldNames)),
      },
    );
  }

  return (
    <form ref={formRef} className="form form--wide" noValidate onSubmit={handleSubmit}>
      <WriteErrorSummary errors={errors} onReload={reload} />
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Covered with the client</legend>
        <CheckboxField
          name="progressReviewed"
          label="Progress reviewed"
          hint={<SourceTags tags={sourcesOf("termination.credit")} />}
          defaultChecked={checklist.progressReviewed}
        />
        <CheckboxField
          name="gainsCredited"
          label="Gains credited to the client"
          hint={<SourceTags tags={sourcesOf("termination.credit")} />}
          defaultChecked={checklist.gainsCredited}
        />
        <CheckboxField
          name="feelingsDiscussed"
          label="Feelings about ending discussed"
          hint={<SourceTags tags={sourcesOf("termination.grieving")} />}
          defaultChecked={checklist.feelingsDiscussed}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Relapse-prevention plan</legend>
        <p className="field__hint">
          Written with the client in plain words; it prints as a one-page handout.{" "}
          <SourceTags tags={sourcesOf("termination.relapse")} />{" "}
          <Link to={paths.therapist.courseHandout.getHref(course.id)}>Printable handout for the client</Link>
        </p>
        {relapseFields.map((field) => (
          <TextAreaField
            key={field.name}
            name={field.name}
            label={field.label}
            hint={field.hint}
            defaultValue={checklist[field.name] ?? ""}
            rows={3}
            maxLength={field.maxLength}
            error={errors.fields[field.name]}
          />
        ))}
      </fieldset>
      <ChoiceGroup
        type="radio"
        name="nextStep"
        legend="Next step"
        hint={
          <>
            Maintenance is a new course under a new contract.{" "}
            <SourceTags tags={sourcesOf("termination.maintenance")} />
          </>
        }
        options={nextStepOptions}
        defaultSelected={checklist.nextStep ? [checklist.nextStep] : []}
        error={errors.fields.nextStep}
      />
      {checklist.finalScoreRecorded ? (
        <p className="muted">A final score is recorded at the last session.</p>
      ) : (
        <TextAreaField
          name="noFinalScoreReason"
          label="Why no final score was obtained"
          hint={
            <>
              Completing the course needs a final PHQ-9 or HAM-D-17 at the last session, or this reason. A
              final-session score is a local synthesis of the sources, not a published standard.{" "}
              <SourceTags tags={FINAL_SCORE_SOURCES} />
            </>
          }
          defaultValue={checklist.noFinalScoreReason ?? ""}
          rows={2}
          maxLength={1000}
          error={errors.fields.noFinalScoreReason}
        />
      )}
      {checklist.nonResponding ? (
        <ChoiceGroup
          type="radio"
          name="nonResponseOffer"
          legend="No response: was further treatment or a referral offered?"
          hint={
            <>
              Offer another effective treatment: the treatment failed, not the client.{" "}
              <SourceTags tags={NON_RESPONSE_SOURCES} />
            </>
          }
          options={offerOptions}
          defaultSelected={checklist.nonResponseOffer ? [checklist.nonResponseOffer] : []}
          error={errors.fields.nonResponseOffer}
        />
      ) : null}
      <SubmitButton pending={updateChecklist.isPending} pendingLabel="Saving…">
        Save checklist
      </SubmitButton>
      <LiveStatus message={status} />
    </form>
  );
}
