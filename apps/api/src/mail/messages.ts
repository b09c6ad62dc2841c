// Every message the API sends, in one place (docs/decisions/020). What goes out by e-mail can be read by
// anyone with access to the mailbox or the mail servers on the way: a message names the service and
// carries a link, never a client's name, a score, an answer or any other clinical word beyond
// "questionnaire".
import type { MailMessage } from "./mailer";

export type InvitationKind = "invitation" | "reminder";

/** The client's personal questionnaire link (sent by the therapist, or automatically before a session). */
export function questionnaireMessage(
  to: string,
  serviceName: string,
  url: string,
  kind: InvitationKind,
): MailMessage {
  const opening =
    kind === "reminder"
      ? `This is a reminder from ${serviceName}: your questionnaire is still waiting for you.`
      : `${serviceName} has sent you a questionnaire to fill in before your next appointment.`;
  return {
    to,
    subject:
      kind === "reminder"
        ? `Reminder: your questionnaire from ${serviceName}`
        : `Your questionnaire from ${serviceName}`,
    text: [
      opening,
      "",
      "Open your personal link:",
      url,
      "",
      "The link works once and only for a limited time. If you did not expect this message, you can ignore it.",
      ...(kind === "reminder" ? ["", "Use this link: a link in an earlier message no longer works."] : []),
    ].join("\n"),
  };
}

/** To a therapist or supervisor: something waits for them in the app. Nothing says what or about whom. */
export function attentionMessage(to: string, url: string): MailMessage {
  return {
    to,
    subject: "Something needs your attention",
    text: ["Something in the IPT Session Planner needs your attention.", "", "Sign in to see it:", url].join(
      "\n",
    ),
  };
}
