// Outreach before a course closes while risk is recent. Discontinuing a course, or closing it after
// two no-shows in a row, while a risk flag is open or was raised in the last 4 weeks (service days)
// needs a recorded outreach attempt first: when, how, and what came of it.
// Sources: a PHQ-9 item 9 answer above 0 needs further assessment and follow-up, and a later quiet
// spell does not mean the risk has gone [S25l][S25m]; IPT.md §6 recommends flagging and escalating
// rather than letting risk drop out of view. The 4-week window, the two-no-shows trigger and the rule
// that an attempt must be made on or after the risk (or the second no-show) are a synthesis of those
// sources, not a published standard.
import { z } from "zod";
import { addDays, type CalendarDate } from "../dates/calendar";
import { sourceTag, type SourceTag } from "../ipt/sources";
import { personRef } from "../users/users";

/** Days back from the service's today in which a raised flag (even resolved) still counts as recent. */
export const OUTREACH_RISK_WINDOW_DAYS = 28;
export const OUTREACH_SOURCES: SourceTag[] = ["S25l", "S25m"];
export const OUTREACH_SYNTHESIS_NOTE =
  "The 4-week window and the two-no-shows trigger are a local synthesis of the sources, not a published standard.";

export const outreachMethods = ["phone", "text_message", "email", "letter", "home_visit", "other"] as const;
export const outreachMethod = z.enum(outreachMethods, "Choose how the client was contacted.");
export type OutreachMethod = z.infer<typeof outreachMethod>;

export const outreachOutcomes = ["spoke_with_client", "message_left", "no_answer", "other"] as const;
export const outreachOutcome = z.enum(outreachOutcomes, "Choose what came of the attempt.");
export type OutreachOutcome = z.infer<typeof outreachOutcome>;

export const outreachMethodLabels: Readonly<Record<OutreachMethod, string>> = {
  phone: "Phone call",
  text_message: "Text message",
  email: "Email",
  letter: "Letter",
  home_visit: "Home visit",
  other: "Other",
};
export const outreachOutcomeLabels: Readonly<Record<OutreachOutcome, string>> = {
  spoke_with_client: "Spoke with the client",
  message_left: "Left a message",
  no_answer: "No answer",
  other: "Other",
};

export const outreachAttemptRequest = z.strictObject({
  /** When the attempt was made (not in the future). */
  attemptedAt: z.iso.datetime({ offset: true, message: "Give the date and time of the attempt." }),
  method: outreachMethod,
  outcome: outreachOutcome,
  note: z.string().trim().max(2000, "Keep the note to 2,000 characters or fewer.").optional(),
});
export type OutreachAttemptRequest = z.infer<typeof outreachAttemptRequest>;

export const outreachAttempt = z.object({
  id: z.uuid(),
  attemptedAt: z.iso.datetime(),
  /** The service day of the attempt. */
  attemptedOn: z.iso.date(),
  method: outreachMethod,
  outcome: outreachOutcome,
  note: z.string(),
  recordedBy: personRef,
});
export type OutreachAttempt = z.infer<typeof outreachAttempt>;

export const outreachTriggers = ["risk_and_discontinuing", "risk_and_two_no_shows"] as const;
export type OutreachTrigger = (typeof outreachTriggers)[number];

export interface OutreachInput {
  /** The course's risk flags: the service day each was raised on, and whether it is still open. */
  flags: readonly { raisedOn: CalendarDate; open: boolean }[];
  /** The held and no-show sessions of the course, in plan order (dates are service days). */
  recorded: readonly { date: CalendarDate; status: "held" | "no_show" }[];
  /** Service days of the outreach attempts recorded so far. */
  attemptsOn: readonly CalendarDate[];
  today: CalendarDate;
}

export interface OutreachState {
  /** A risk flag is open or was raised in the last OUTREACH_RISK_WINDOW_DAYS days. */
  riskRecent: boolean;
  /** The two latest recorded sessions were both no-shows. */
  twoNoShows: boolean;
  /** From this service day an attempt counts: the latest flag's day, or the second no-show's if later. */
  since: CalendarDate | null;
  /** An attempt was recorded on or after `since`. */
  recorded: boolean;
  /** Discontinuing now needs an attempt first (risk recent, none recorded since). */
  neededToDiscontinue: boolean;
  /** Closing in any way now needs an attempt first (risk recent and two no-shows, none recorded since). */
  neededToClose: boolean;
}

export function outreachStateOf(input: OutreachInput): OutreachState {
  const windowStart = addDays(input.today, -OUTREACH_RISK_WINDOW_DAYS);
  const riskRecent = input.flags.some((flag) => flag.open || flag.raisedOn >= windowStart);
  const lastTwo = input.recorded.slice(-2);
  const twoNoShows = lastTwo.length === 2 && lastTwo.every((session) => session.status === "no_show");
  const latestFlag = input.flags.reduce<CalendarDate | null>(
    (latest, flag) => (latest === null || flag.raisedOn > latest ? flag.raisedOn : latest),
    null,
  );
  const secondNoShow = twoNoShows ? (lastTwo[1]?.date ?? null) : null;
  const since =
    latestFlag === null
      ? null
      : secondNoShow !== null && secondNoShow > latestFlag
        ? secondNoShow
        : latestFlag;
  const recorded = since !== null && input.attemptsOn.some((day) => day >= since);
  return {
    riskRecent,
    twoNoShows,
    since: riskRecent ? since : null,
    recorded,
    neededToDiscontinue: riskRecent && !recorded,
    neededToClose: riskRecent && twoNoShows && !recorded,
  };
}

/** What closing the course this way still needs, or null. */
export function outreachGap(
  state: OutreachState,
  discontinuing: boolean,
): { item: "outreach_attempt"; message: string } | null {
  if (discontinuing ? !state.neededToDiscontinue : !state.neededToClose) return null;
  const why = discontinuing ? "the course is being discontinued" : "the last two sessions were missed";
  return {
    item: "outreach_attempt",
    message: `Record an outreach attempt (when, how, outcome) made on or after ${state.since ?? "the risk flag"}: ${why} while a risk flag is open or was raised in the last 4 weeks.`,
  };
}

export const courseOutreach = z.object({
  riskRecent: z.boolean(),
  twoNoShows: z.boolean(),
  since: z.iso.date().nullable(),
  recorded: z.boolean(),
  neededToDiscontinue: z.boolean(),
  neededToClose: z.boolean(),
  sources: z.array(sourceTag),
  synthesisNote: z.string(),
  /** Newest first. */
  attempts: z.array(outreachAttempt),
});
export type CourseOutreach = z.infer<typeof courseOutreach>;
