// Questionnaire links: a therapist issues a personal link for a planned session; the client opens it on
// their own device (no account), fills in PHQ-9 and/or GAD-7, and the answers are recorded as the
// session's scores. The public answers are closed schemas: they carry the service's name and the
// questions, never a client's or therapist's name (docs/decisions/016).
import { z } from "zod";
import { entityId } from "../clinical/clients";
import { ITEM_COUNTS, type ItemInstrument } from "../measures/vocabulary";

/** The client's page: /q/<token>. The token is 256 random bits in base64url. */
export const QUESTIONNAIRE_PAGE_PREFIX = "/q/";
/** The public API under which the token travels; logging cuts it out (apps/api/src/logging.ts). */
export const QUESTIONNAIRE_API_PREFIX = "/api/questionnaires/";

export const questionnaireInstrument = z.enum(["phq9", "gad7"]);
export type QuestionnaireInstrument = z.infer<typeof questionnaireInstrument>;
export const questionnaireInstrumentOrder: readonly ItemInstrument[] = ["phq9", "gad7"];

/**
 * The forms a link asks for when the therapist does not choose: PHQ-9 and GAD-7 at a session of the
 * measurement schedule (both are measured together there [S12b]), PHQ-9 alone between its points (the
 * weekly monitoring form). `dueSessions` are the schedule's session numbers (measurementPoints).
 */
export function defaultLinkInstruments(
  sessionNumber: number | null,
  dueSessions: readonly number[],
): QuestionnaireInstrument[] {
  return sessionNumber !== null && dueSessions.includes(sessionNumber) ? ["phq9", "gad7"] : ["phq9"];
}

export const linkStatuses = ["sent", "opened", "completed", "expired", "revoked", "locked"] as const;
export const linkStatus = z.enum(linkStatuses);
export type LinkStatus = z.infer<typeof linkStatus>;

export const questionnaireLinkParams = z.object({ linkId: entityId });

export const issueQuestionnaireLinkRequest = z.strictObject({
  /** PHQ-9, GAD-7 or both; left out, the measurement schedule decides (see defaultLinkInstruments). */
  instruments: z
    .array(questionnaireInstrument)
    .min(1, "Choose at least one questionnaire.")
    .max(2, "Choose PHQ-9, GAD-7 or both.")
    .refine((list) => new Set(list).size === list.length, "Choose each questionnaire once.")
    .optional(),
  /**
   * Also e-mail the link to the address on the client's record (only when the service has configured
   * e-mail; docs/decisions/020). The message holds the service's name and the link, nothing else.
   */
  sendEmail: z.boolean().optional(),
});
export type IssueQuestionnaireLinkRequest = z.infer<typeof issueQuestionnaireLinkRequest>;

/** What the therapist sees of a link: never its token (only its hash is stored). */
export const questionnaireLink = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  sessionId: z.uuid(),
  sessionNumber: z.int().nullable(),
  instruments: z.array(questionnaireInstrument),
  status: linkStatus,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  openedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type QuestionnaireLink = z.infer<typeof questionnaireLink>;

/** The new link with its page path: the only time the token leaves the server. */
export const issuedQuestionnaireLinkResponse = z.object({
  link: questionnaireLink,
  path: z.string().startsWith(QUESTIONNAIRE_PAGE_PREFIX),
  /**
   * The e-mail asked for: sent (the mail server accepted it), failed (the link exists all the same: hand
   * it over another way) or not asked for.
   */
  email: z.enum(["sent", "failed", "not_requested"]),
});
export type IssuedQuestionnaireLinkResponse = z.infer<typeof issuedQuestionnaireLinkResponse>;

export const questionnaireLinksResponse = z.object({
  links: z.array(questionnaireLink),
  /** Whether "Send by e-mail" can be offered: the service configured e-mail and the client has an address. */
  email: z.object({ available: z.boolean(), clientHasEmail: z.boolean() }),
});
export type QuestionnaireLinksResponse = z.infer<typeof questionnaireLinksResponse>;

/** Any string: a malformed token answers the same "closed" as a wrong one. */
export const questionnaireTokenParams = z.object({ token: z.string() });

// --- The client's side (public) ---

const publicForm = z.strictObject({
  instrument: questionnaireInstrument,
  /** "PHQ-9" */
  name: z.string(),
  /** The form's question stem, verbatim. */
  stem: z.string(),
  items: z.array(z.strictObject({ number: z.int(), text: z.string() })),
  options: z.array(z.strictObject({ value: z.int(), label: z.string() })),
  /** The attribution line the form must be shown with. */
  attribution: z.string().nullable(),
});
export type PublicQuestionnaireForm = z.infer<typeof publicForm>;

/** The client's page: the service's name and either the year-of-birth step or the questions. */
export const publicQuestionnaire = z.discriminatedUnion("step", [
  z.strictObject({ step: z.literal("identity"), serviceName: z.string() }),
  z.strictObject({ step: z.literal("questions"), serviceName: z.string(), forms: z.array(publicForm) }),
]);
export type PublicQuestionnaire = z.infer<typeof publicQuestionnaire>;

export const identityCheckRequest = z.strictObject({
  yearOfBirth: z
    .int("Enter your year of birth as four digits, like 1985.")
    .min(1900, "Enter your year of birth as four digits, like 1985.")
    .max(2100, "Enter your year of birth as four digits, like 1985."),
});
export type IdentityCheckRequest = z.infer<typeof identityCheckRequest>;

const answer = z
  .int("Choose one of the answers.")
  .min(0, "Choose one of the answers.")
  .max(3, "Choose one of the answers.");

/** Every item of every form on the link, 0–3; an unanswered item is refused by its number. */
export const submitQuestionnaireRequest = z.strictObject({
  answers: z
    .strictObject({
      phq9: z.array(answer.nullable()).max(ITEM_COUNTS.phq9, "Too many answers for this form.").optional(),
      gad7: z.array(answer.nullable()).max(ITEM_COUNTS.gad7, "Too many answers for this form.").optional(),
    })
    .superRefine((answers, ctx) => {
      for (const instrument of questionnaireInstrumentOrder) {
        const items = answers[instrument];
        if (!items) continue;
        for (let index = 0; index < ITEM_COUNTS[instrument]; index++) {
          if (items[index] === null || items[index] === undefined) {
            ctx.addIssue({
              code: "custom",
              path: [instrument, index],
              message: `Answer question ${index + 1}.`,
            });
          }
        }
      }
    }),
});
export type SubmitQuestionnaireRequest = z.infer<typeof submitQuestionnaireRequest>;

/** After a submit: the thank-you page, or the service's crisis text when PHQ-9 item 9 is above 0. */
export const submittedQuestionnaireResponse = z.discriminatedUnion("next", [
  z.strictObject({ next: z.literal("thanks") }),
  z.strictObject({ next: z.literal("crisis"), crisisText: z.string() }),
]);
export type SubmittedQuestionnaireResponse = z.infer<typeof submittedQuestionnaireResponse>;
