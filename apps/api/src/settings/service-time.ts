// "Today" for every clinical rule: the calendar day in the service's time zone at the request's time
// (Actor.now, from the app's clock), never the server's own zone or UTC.
import { todayIn, type CalendarDate } from "@ipt/shared";
import type { Db } from "../clinical/access";
import { getServiceTimeZone } from "../clinical/measures/settings-read";

export async function serviceToday(db: Db, now: Date): Promise<CalendarDate> {
  return todayIn(await getServiceTimeZone(db), now);
}
