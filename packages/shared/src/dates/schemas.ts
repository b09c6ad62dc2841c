// The wire shapes of times of day and weekdays, checked the same way on the web and in the API.
import { z } from "zod";
import { isoWeekdays } from "./calendar";
import { isTimeOfDay } from "./time-of-day";

/** "09:30": 24-hour clock, to the minute, in the service's time zone. */
export const timeOfDay = z.string("Use a time like 09:30.").refine(isTimeOfDay, "Use a time like 09:30.");

/** 1 = Monday … 7 = Sunday. */
export const isoWeekday = z.literal(isoWeekdays, "Choose a day of the week.");
