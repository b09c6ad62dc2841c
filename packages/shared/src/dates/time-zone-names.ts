// Time zone names, checked with the runtime's own Intl data: no date arithmetic, so schemas that
// validate a zone (the settings contract) stay light.

/** The zone until an admin chooses one. */
export const DEFAULT_TIME_ZONE = "Europe/London";

// IANA names ("Europe/London", "UTC", "Etc/GMT+5"); Intl also takes bare offsets like "+05:00",
// which follow no DST rules, so they are refused.
const zoneNamePattern = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/** The zone's canonical spelling ("europe/london" → "Europe/London"), or null if it is not an IANA zone. */
export function canonicalTimeZone(name: string): string | null {
  if (!zoneNamePattern.test(name)) return null;
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const isTimeZone = (name: string): boolean => canonicalTimeZone(name) !== null;
