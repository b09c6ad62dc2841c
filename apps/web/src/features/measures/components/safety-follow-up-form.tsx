import { riskLevels, safetyPlanActions, type PersonRef, type RiskFlagDetail } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { FormDialog } from "../../../components/form-dialog";
import {
  CheckboxField,
  ChoiceGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useOwnSupervisors } from "../api/get-own-supervisors";
import { useRecordFollowUp } from "../api/record-follow-up";
import { riskLevelLabels, safetyPlanLabels } from "./labels";
import {
  emptyFollowUp,
  followUpBody,
  followUpFieldNames,
  toLocalInput,
  type FollowUpValues,
} from "./safety-follow-up";

/** The fields of a safety follow-up, also rendered on their own in tests. */
export function SafetyFollowUpFields({
  values,
  errors,
  onChange,
  now,
  supervisors,
}: {
  values: FollowUpValues;
  errors: Record<string, string>;
  onChange: (patch: Partial<FollowUpValues>) => void;
  now: Date;
  /** The therapist's supervisors; the picker shows once one was informed and there is a choice. */
  supervisors: PersonRef[];
}) {
  return (
    <>
      <div className={errors.riskAssessed ? "field field--error" : "field"}>
        <CheckboxField
          name="riskAssessed"
          label="Risk assessed"
          hint={
            errors.riskAssessed ? (
              <span className="field__error">
                <span className="visually-hidden">Error: </span>
                {errors.riskAssessed}
              </span>
            ) : (
              "Required: assess the risk before recording the follow-up."
            )
          }
          checked={values.riskAssessed}
          aria-invalid={errors.riskAssessed ? true : undefined}
          onChange={(event) => onChange({ riskAssessed: event.currentTarget.checked })}
        />
      </div>
      <ChoiceGroup
        type="radio"
        name="riskLevel"
        legend="Current risk level"
        hint="Your clinical judgement after assessing the risk, not a score."
        options={riskLevels.map((level) => ({ value: level, label: riskLevelLabels[level] }))}
        selected={values.riskLevel ? [values.riskLevel] : []}
        onToggle={(value) => onChange({ riskLevel: value as FollowUpValues["riskLevel"] })}
        error={errors.riskLevel}
      />
      <TextAreaField
        name="actionsTaken"
        label="Actions taken"
        rows={3}
        maxLength={5000}
        value={values.actionsTaken}
        onChange={(event) => onChange({ actionsTaken: event.currentTarget.value })}
        error={errors.actionsTaken}
      />
      <ChoiceGroup
        type="radio"
        name="safetyPlan"
        legend="Safety plan"
        options={safetyPlanActions.map((action) => ({ value: action, label: safetyPlanLabels[action] }))}
        selected={values.safetyPlan ? [values.safetyPlan] : []}
        onToggle={(value) => onChange({ safetyPlan: value as FollowUpValues["safetyPlan"] })}
        error={errors.safetyPlan}
      />
      <div className="field">
        <CheckboxField
          name="supervisorInformed"
          label="Supervisor informed"
          checked={values.supervisorInformed}
          onChange={(event) => onChange({ supervisorInformed: event.currentTarget.checked })}
        />
      </div>
      {values.supervisorInformed && supervisors.length > 0 && (
        <SelectField
          name="supervisorId"
          label="Which supervisor"
          value={values.supervisorId}
          onChange={(event) => onChange({ supervisorId: event.currentTarget.value })}
          error={errors.supervisorId}
        >
          <option value="">Not named</option>
          {supervisors.map((supervisor) => (
            <option key={supervisor.id} value={supervisor.id}>
              {supervisor.name}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        name="followedUpAt"
        label="When"
        hint="When the risk was assessed with the client."
        type="datetime-local"
        fieldClassName="field--short"
        max={toLocalInput(now)}
        value={values.followedUpAt}
        onChange={(event) => onChange({ followedUpAt: event.currentTarget.value })}
        error={errors.followedUpAt}
      />
    </>
  );
}

/**
 * The human follow-up of a risk flag: risk assessed, the clinician's judgement of the level,
 * actions, the safety plan, whether a supervisor was informed, and when. Open while `flag` is set.
 */
export function SafetyFollowUpDialog({
  flag,
  onClose,
  onSaved,
}: {
  flag: RiskFlagDetail | null;
  onClose: () => void;
  onSaved: (flag: RiskFlagDetail) => void;
}) {
  const recordFollowUp = useRecordFollowUp();
  const supervisors = useOwnSupervisors(flag !== null);
  const { formRef, errors, setErrors } = useWriteErrors();
  const [values, setValues] = useState<FollowUpValues>(() => emptyFollowUp());
  const [openFor, setOpenFor] = useState<string | null>(flag?.id ?? null);
  // Each opening starts a fresh form, timed now (state adjusted while rendering for a changed prop).
  if ((flag?.id ?? null) !== openFor) {
    setOpenFor(flag?.id ?? null);
    if (flag) {
      setValues(emptyFollowUp());
      setErrors(noWriteErrors);
    }
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!flag || recordFollowUp.isPending) return;
    const parsed = followUpBody(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors(noWriteErrors);
    try {
      onSaved(await recordFollowUp.mutateAsync({ riskFlagId: flag.id, body: parsed.body }));
    } catch (error) {
      setErrors(writeErrorsFromError(error, followUpFieldNames));
    }
  }

  return (
    <FormDialog
      open={flag !== null}
      title="Record safety follow-up"
      submitLabel="Save safety follow-up"
      pendingLabel="Saving…"
      pending={recordFollowUp.isPending}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
      formRef={formRef}
    >
      <WriteErrorSummary errors={errors} />
      <SafetyFollowUpFields
        values={values}
        errors={errors.fields}
        onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
        now={new Date()}
        supervisors={supervisors.data?.items ?? []}
      />
    </FormDialog>
  );
}
