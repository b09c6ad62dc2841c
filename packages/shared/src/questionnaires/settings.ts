// The organisation's client-questionnaire settings (admin page, their own group): the service name the
// client sees, how long a link lives, the optional year-of-birth check and the crisis text shown when
// PHQ-9 item 9 is above 0 (docs/decisions/016).
import { z } from "zod";

export const questionnaireSettings = z.object({
  /** Shown at the top of the client's page instead of any therapist's or client's name. */
  serviceName: z.string().trim().min(1, "Enter the service's name.").max(120, "Use at most 120 characters."),
  /** A link stops working this many hours after it was issued. */
  linkLifetimeHours: z
    .int("Must be a whole number of hours.")
    .min(1, "Must be at least 1 hour.")
    .max(720, "Must be at most 720 hours (30 days)."),
  /** The client confirms their year of birth before the questions are shown; 5 wrong tries close the link. */
  identityCheck: z.boolean(),
  /** Shown to the client instead of the thank-you page when PHQ-9 item 9 is above 0. */
  crisisText: z
    .string()
    .trim()
    .min(1, "Enter the text shown to a client who may be at risk.")
    .max(2000, "Use at most 2000 characters."),
});
export type QuestionnaireSettings = z.infer<typeof questionnaireSettings>;

/**
 * A safe default: it names emergency services and says plainly that nobody watches the answers around
 * the clock, so a client at risk does not wait for a reply [S25l][S25m].
 */
export const DEFAULT_CRISIS_TEXT =
  "Thank you for your answers. You said you have had thoughts that you would be better off dead or of " +
  "hurting yourself. Your answers are not watched around the clock, so nobody may see them until your " +
  "next appointment. If you might act on these thoughts, or you are in danger now, call your local " +
  "emergency number (999 in the UK, 112 in Europe, 911 in the US) or go to the nearest emergency " +
  "department. If you can keep yourself safe for now, contact your therapist or your doctor today.";

export const defaultQuestionnaireSettings: QuestionnaireSettings = {
  serviceName: "Your therapy service",
  linkLifetimeHours: 72,
  identityCheck: false,
  crisisText: DEFAULT_CRISIS_TEXT,
};

/** The year-of-birth check closes a link after this many wrong answers. */
export const IDENTITY_CHECK_MAX_TRIES = 5;

/**
 * Automatic sending (docs/decisions/020), its own group: off by default. When on, the questionnaires of
 * each session of the measurement schedule are e-mailed to clients with an address on record, a number
 * of hours before the session, with one reminder when they are not completed after a number of hours.
 */
export const questionnaireSendingSettings = z.object({
  automatic: z.boolean(),
  /** The link is e-mailed this many hours before the session starts. */
  hoursBefore: z
    .int("Must be a whole number of hours.")
    .min(1, "Must be at least 1 hour.")
    .max(336, "Must be at most 336 hours (14 days)."),
  /** One reminder this many hours after the link was sent, if the client has not completed it. */
  reminderAfterHours: z
    .int("Must be a whole number of hours.")
    .min(1, "Must be at least 1 hour.")
    .max(336, "Must be at most 336 hours (14 days)."),
});
export type QuestionnaireSendingSettings = z.infer<typeof questionnaireSendingSettings>;

export const defaultQuestionnaireSendingSettings: QuestionnaireSendingSettings = {
  automatic: false,
  hoursBefore: 48,
  reminderAfterHours: 24,
};
