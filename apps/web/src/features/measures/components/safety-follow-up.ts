// The safety follow-up form's values and checks, apart from React. The shared schema has the last
// word; the form first asks for each unanswered choice in plain words.
import {
  safetyFollowUpRequest,
  type RiskLevel,
  type SafetyFollowUpRequest,
  type SafetyPlanAction,
} from "@ipt/shared";
import { fieldNamesOf } from "../../../lib/field-names";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { localInputToIso, toLocalInput } from "../../../lib/local-datetime";
import { noWriteErrors, type WriteErrors } from "../../../lib/write-errors";

export { localInputToIso, toLocalInput };

export interface FollowUpValues {
  riskAssessed: boolean;
  riskLevel: RiskLevel | null;
  actionsTaken: string;
  safetyPlan: SafetyPlanAction | null;
  supervisorInformed: boolean;
  /** The assigned supervisor informed; "" when not named. */
  supervisorId: string;
  /** As a datetime-local input holds it: "2026-11-26T14:05", in the user's time zone. */
  followedUpAt: string;
}

export const followUpFieldNames = fieldNamesOf(safetyFollowUpRequest);

export function emptyFollowUp(now = new Date()): FollowUpValues {
  return {
    riskAssessed: false,
    riskLevel: null,
    actionsTaken: "",
    safetyPlan: null,
    supervisorInformed: false,
    supervisorId: "",
    followedUpAt: toLocalInput(now),
  };
}

// A minute's grace: the default is "now" to the minute, and clocks differ a little.
const FUTURE_GRACE_MS = 60_000;

export function followUpBody(
  values: FollowUpValues,
  now = new Date(),
): { ok: true; body: SafetyFollowUpRequest } | { ok: false; errors: WriteErrors } {
  const fields: Record<string, string> = {};
  if (!values.riskLevel) fields.riskLevel = "Choose the current risk level.";
  if (!values.safetyPlan) fields.safetyPlan = "Say whether you reviewed the safety plan or made one.";
  const followedUpAt = localInputToIso(values.followedUpAt);
  if (followedUpAt === null) fields.followedUpAt = "Enter the date and time of the follow-up.";
  else if (new Date(followedUpAt).getTime() > now.getTime() + FUTURE_GRACE_MS) {
    fields.followedUpAt = "The follow-up cannot be in the future.";
  }
  const parsed = safetyFollowUpRequest.safeParse({
    riskAssessed: values.riskAssessed,
    riskLevel: values.riskLevel ?? undefined,
    actionsTaken: values.actionsTaken,
    safetyPlan: values.safetyPlan ?? undefined,
    supervisorInformed: values.supervisorInformed,
    // Naming a supervisor only makes sense when one was informed.
    supervisorId: values.supervisorInformed && values.supervisorId ? values.supervisorId : null,
    followedUpAt: followedUpAt ?? "",
  });
  const schemaFields = parsed.success ? {} : formErrorsFromZod(parsed.error).fields;
  // The plain messages above win over the schema's for the same field.
  const all = { ...schemaFields, ...fields };
  if (parsed.success && Object.keys(all).length === 0) return { ok: true, body: parsed.data };
  const ordered = Object.fromEntries(
    followUpFieldNames.filter((name) => name in all).map((name) => [name, all[name] as string]),
  );
  return { ok: false, errors: { ...noWriteErrors, fields: ordered } };
}
