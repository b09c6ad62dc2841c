// The organisation's measurement settings (alert thresholds and the measurement cadence). One row,
// id 1; until an admin saves it the documented defaults apply (version 0). The admin write side lives
// in ../../settings; everything that computes flags or schedules reads through here.
import { defaultMeasurementSettings, measurementSettings, type MeasurementSettings } from "@ipt/shared";
import type { Db } from "../access";

export const SETTINGS_ROW_ID = 1;

export interface StoredMeasurementSettings {
  settings: MeasurementSettings;
  /** 0 while the defaults have never been saved. */
  version: number;
  updatedAt: Date | null;
  updatedById: string | null;
}

/**
 * The current settings. A stored value that no longer parses (say, a field added since it was saved)
 * is completed from the defaults field by field, so one bad field never switches every alert off.
 */
export async function getMeasurementSettings(db: Db): Promise<StoredMeasurementSettings> {
  const row = await db.organisationSettings.findUnique({
    where: { id: SETTINGS_ROW_ID },
    select: { measurement: true, version: true, updatedAt: true, updatedById: true },
  });
  if (!row) {
    return { settings: defaultMeasurementSettings, version: 0, updatedAt: null, updatedById: null };
  }
  return {
    settings: parseSettings(row.measurement),
    version: row.version,
    updatedAt: row.updatedAt,
    updatedById: row.updatedById,
  };
}

function parseSettings(value: unknown): MeasurementSettings {
  const whole = measurementSettings.safeParse(value);
  if (whole.success) return whole.data;
  const stored = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...defaultMeasurementSettings };
  for (const key of Object.keys(defaultMeasurementSettings) as (keyof MeasurementSettings)[]) {
    const field = measurementSettings.shape[key].safeParse(stored[key]);
    if (field.success) merged[key] = field.data;
  }
  return measurementSettings.parse(merged);
}
