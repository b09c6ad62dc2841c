// Plain words for questionnaire links on the therapist's pages.
import { instrumentDefinitions, type LinkStatus, type QuestionnaireLink } from "@ipt/shared";

export const linkStatusLabels: Record<LinkStatus, string> = {
  sent: "Sent, not opened yet",
  opened: "Opened by the client",
  completed: "Completed by the client",
  expired: "Expired",
  revoked: "Revoked",
  locked: "Closed after wrong years of birth",
};

export const formsOf = (link: Pick<QuestionnaireLink, "instruments">) =>
  link.instruments.map((instrument) => instrumentDefinitions[instrument].name).join(" and ");

/** A link can still be revoked while the client may use it. */
export const isRevocable = (link: Pick<QuestionnaireLink, "status">) =>
  link.status === "sent" || link.status === "opened";
