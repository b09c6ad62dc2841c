// The organisation's settings: measurement (alert thresholds and the measurement cadence), supervision
// (co-signing before the middle phase), safety (the risk-flag escalation deadline) and the service's
// time zone. One row, id 1; until an admin saves
// it the documented defaults apply (version 0). The admin write side lives in ../../settings; everything
// that computes flags, schedules, the middle-phase gate or "today" reads through here.
import {
  defaultMeasurementSettings,
  defaultQuestionnaireSendingSettings,
  defaultQuestionnaireSettings,
  defaultSafetySettings,
  defaultServiceSettings,
  defaultSupervisionSettings,
  isTimeZone,
  measurementSettings,
  questionnaireSendingSettings,
  questionnaireSettings,
  safetySettings,
  supervisionSettings,
  type MeasurementSettings,
  type QuestionnaireSendingSettings,
  type QuestionnaireSettings,
  type SafetySettings,
  type ServiceSettings,
  type SupervisionSettings,
} from "@ipt/shared";
import type { z } from "zod";
import type { Db } from "../../db/prisma";

export const SETTINGS_ROW_ID = 1;

export interface StoredMeasurementSettings {
  settings: MeasurementSettings;
  supervision: SupervisionSettings;
  safety: SafetySettings;
  service: ServiceSettings;
  questionnaires: QuestionnaireSettings;
  questionnaireSending: QuestionnaireSendingSettings;
  /** 0 while the defaults have never been saved. */
  version: number;
  updatedAt: Date | null;
  updatedById: string | null;
}

/** The current settings of both kinds, with the row's version (the admin page saves them together). */
export async function getMeasurementSettings(db: Db): Promise<StoredMeasurementSettings> {
  const row = await db.organisationSettings.findUnique({
    where: { id: SETTINGS_ROW_ID },
    select: {
      measurement: true,
      supervision: true,
      safety: true,
      questionnaires: true,
      questionnaireSending: true,
      timeZone: true,
      version: true,
      updatedAt: true,
      updatedById: true,
    },
  });
  if (!row) {
    return {
      settings: defaultMeasurementSettings,
      supervision: defaultSupervisionSettings,
      safety: defaultSafetySettings,
      service: defaultServiceSettings,
      questionnaires: defaultQuestionnaireSettings,
      questionnaireSending: defaultQuestionnaireSendingSettings,
      version: 0,
      updatedAt: null,
      updatedById: null,
    };
  }
  return {
    settings: completed(measurementSettings, defaultMeasurementSettings, row.measurement),
    supervision: completed(supervisionSettings, defaultSupervisionSettings, row.supervision),
    safety: completed(safetySettings, defaultSafetySettings, row.safety),
    service: { timeZone: knownTimeZone(row.timeZone) },
    questionnaires: completed(questionnaireSettings, defaultQuestionnaireSettings, row.questionnaires),
    questionnaireSending: completed(
      questionnaireSendingSettings,
      defaultQuestionnaireSendingSettings,
      row.questionnaireSending,
    ),
    version: row.version,
    updatedAt: row.updatedAt,
    updatedById: row.updatedById,
  };
}

/**
 * The measurement settings and time zone from the stored row's columns, for a query that reads the
 * row itself (the caseload's one statement); null (no row) gives the defaults, as above.
 */
export function measurementSettingsOf(row: { measurement: unknown; timeZone: string } | null): {
  settings: MeasurementSettings;
  timeZone: string;
} {
  if (!row) return { settings: defaultMeasurementSettings, timeZone: defaultServiceSettings.timeZone };
  return {
    settings: completed(measurementSettings, defaultMeasurementSettings, row.measurement),
    timeZone: knownTimeZone(row.timeZone),
  };
}

/** The supervision settings alone: one narrow read for the middle-phase gate and the co-sign view. */
export async function getSupervisionSettings(db: Db): Promise<SupervisionSettings> {
  const row = await db.organisationSettings.findUnique({
    where: { id: SETTINGS_ROW_ID },
    select: { supervision: true },
  });
  return row
    ? completed(supervisionSettings, defaultSupervisionSettings, row.supervision)
    : defaultSupervisionSettings;
}

/** The client-questionnaire settings: one narrow read for the public page and issuing links. */
export async function getQuestionnaireSettings(db: Db): Promise<QuestionnaireSettings> {
  const row = await db.organisationSettings.findUnique({
    where: { id: SETTINGS_ROW_ID },
    select: { questionnaires: true },
  });
  return row
    ? completed(questionnaireSettings, defaultQuestionnaireSettings, row.questionnaires)
    : defaultQuestionnaireSettings;
}

/** The automatic-sending settings and the service's time zone: one narrow read for the sending job. */
export async function getQuestionnaireSendingContext(
  db: Db,
): Promise<{ sending: QuestionnaireSendingSettings; timeZone: string }> {
  const row = await db.organisationSettings.findUnique({
    where: { id: SETTINGS_ROW_ID },
    select: { questionnaireSending: true, timeZone: true },
  });
  if (!row) {
    return { sending: defaultQuestionnaireSendingSettings, timeZone: defaultServiceSettings.timeZone };
  }
  return {
    sending: completed(
      questionnaireSendingSettings,
      defaultQuestionnaireSendingSettings,
      row.questionnaireSending,
    ),
    timeZone: knownTimeZone(row.timeZone),
  };
}

/** The service's time zone: one narrow read for every clinical "today". */
export async function getServiceTimeZone(db: Db): Promise<string> {
  const row = await db.organisationSettings.findUnique({
    where: { id: SETTINGS_ROW_ID },
    select: { timeZone: true },
  });
  return row ? knownTimeZone(row.timeZone) : defaultServiceSettings.timeZone;
}

/** What every risk flag's escalation is computed with (shared safety/escalation.ts): one narrow read. */
export interface EscalationContext {
  settings: SafetySettings;
  timeZone: string;
  now: Date;
}

export async function getEscalationContext(db: Db, now: Date): Promise<EscalationContext> {
  const row = await db.organisationSettings.findUnique({
    where: { id: SETTINGS_ROW_ID },
    select: { safety: true, timeZone: true },
  });
  return escalationContextOf(row, now);
}

/**
 * The escalation context from the stored row's columns, for a query that reads the row itself (the
 * cockpit's count of flags awaiting acknowledgement); null (no row) gives the defaults.
 */
export function escalationContextOf(
  row: { safety: unknown; timeZone: string } | null,
  now: Date,
): EscalationContext {
  if (!row) return { settings: defaultSafetySettings, timeZone: defaultServiceSettings.timeZone, now };
  return {
    settings: completed(safetySettings, defaultSafetySettings, row.safety),
    timeZone: knownTimeZone(row.timeZone),
    now,
  };
}

/** A zone this runtime's time-zone data no longer knows (it was valid when saved) falls back to the default. */
const knownTimeZone = (stored: string) => (isTimeZone(stored) ? stored : defaultServiceSettings.timeZone);

/**
 * A stored value that no longer parses (say, a field added since it was saved, or `{}` before the
 * supervision settings were first saved) is completed from the defaults field by field, so one bad
 * field never switches every alert or rule off.
 */
function completed<S extends z.ZodObject>(schema: S, defaults: z.infer<S>, value: unknown): z.infer<S> {
  const whole = schema.safeParse(value);
  if (whole.success) return whole.data;
  const stored = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...defaults };
  const fields: Record<string, z.ZodType> = schema.shape;
  for (const [key, field] of Object.entries(fields)) {
    const parsed = field.safeParse(stored[key]);
    if (parsed.success) merged[key] = parsed.data;
  }
  return schema.parse(merged);
}
