// The service's own settings (admin page, beside the measurement and supervision settings): the time
// zone every clinical "today", due date and date guard is computed in.
import { z } from "zod";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./time-zone-names";

// One check, so a bad value gets one message.
export const timeZoneName = z
  .string("Choose a time zone.")
  .trim()
  .refine(
    (name) => name.length <= 64 && isTimeZone(name),
    "Choose a time zone from the list, like Europe/London.",
  );

export const serviceSettings = z.object({
  /** An IANA time zone name, e.g. "Europe/London" or "Australia/Sydney". */
  timeZone: timeZoneName,
});
export type ServiceSettings = z.infer<typeof serviceSettings>;

export const defaultServiceSettings: ServiceSettings = { timeZone: DEFAULT_TIME_ZONE };
