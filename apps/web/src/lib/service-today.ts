// "Today" on the web: the day in the service's time zone, worked out by the shared dates module, so a
// form's default date is the day the API's date guards will accept, wherever the browser is.
import { todayIn, type CalendarDate } from "@ipt/shared";
import { useServiceTimeZone } from "./service-time-zone";

/** Today's date in the service's time zone at `now` (the default for "agreed on" and "ended on" dates). */
export function useServiceToday(now = new Date()): CalendarDate {
  return todayIn(useServiceTimeZone(), now);
}
