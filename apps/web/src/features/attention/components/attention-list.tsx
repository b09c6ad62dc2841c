import { attentionKinds, type AttentionItem, type AttentionKind } from "@ipt/shared";
import { useId } from "react";
import { Link } from "react-router";
import { Section } from "../../../components/section";
import { EmptyState } from "../../../components/states";
import { paths } from "../../../config/paths";
import { formatDate } from "../../../lib/format";
import { attentionGroupLabels } from "./labels";
import "./attention.css";

const kindPhrases: Record<AttentionKind, string> = {
  risk_follow_up: "Risk flag not followed up",
  change_request: "Change request",
  comment: "Comment",
  unsigned_session: "Held, not signed",
};

/**
 * Where the item is dealt with: the session's tab for it when it is about a session (the risk flag
 * on Measures, a supervisor's note on Supervision, signing on the record), else the course's page.
 */
export function attentionHref(item: AttentionItem): string {
  const aboutCourse = item.target === "formulation" || item.target === "plan";
  if (!item.sessionId || aboutCourse) return paths.therapist.course.getHref(item.courseId);
  const section = paths.therapist.sessionSection;
  switch (item.kind) {
    case "risk_follow_up":
      return section.measures.getHref(item.sessionId);
    case "change_request":
    case "comment":
      return section.supervision.getHref(item.sessionId);
    case "unsigned_session":
      return paths.therapist.session.getHref(item.sessionId);
  }
}

/** "Client A, session 3", "Client A, formulation"… */
export function attentionSubject(item: AttentionItem): string {
  const part =
    item.target === "formulation" || item.target === "plan"
      ? item.target
      : item.sessionNumber !== null
        ? `session ${item.sessionNumber}`
        : item.sessionId
          ? "cancelled session"
          : null;
  return part ? `${item.client.displayName}, ${part}` : item.client.displayName;
}

function AttentionEntry({ item }: { item: AttentionItem }) {
  return (
    <li className="attention-list__item">
      <Link to={attentionHref(item)}>{attentionSubject(item)}</Link>
      <p>
        {kindPhrases[item.kind]}
        {item.from ? ` from ${item.from.name}` : ""}. Waiting since{" "}
        <time dateTime={item.since}>{formatDate(item.since)}</time>.
      </p>
    </li>
  );
}

/** Changes to who can read the caseload not yet seen: one entry, to the page that lists them. */
function CaseloadAccessEntry({ count }: { count: number }) {
  return (
    <ul className="attention-list">
      <li className="attention-list__item">
        <Link to={paths.therapist.caseloadAccess.getHref()}>
          {count === 1
            ? "1 change to who can read your caseload"
            : `${count} changes to who can read your caseload`}
        </Link>
        <p>A supervisor was assigned to you or removed. See who can read your caseload now.</p>
      </li>
    </ul>
  );
}

/**
 * What waits for the therapist, one section per kind that has anything (in the API's order of
 * kinds, oldest first within each); each entry links to where it is dealt with. Changes to who can
 * read the caseload (docs/decisions/025) come last, as one entry with their count.
 */
export function AttentionList({
  items,
  caseloadAccessChanges = 0,
}: {
  items: AttentionItem[];
  caseloadAccessChanges?: number;
}) {
  const id = useId();
  if (items.length === 0 && caseloadAccessChanges === 0) {
    return <EmptyState title="Nothing needs your attention." />;
  }
  const groups = attentionKinds
    .map((kind) => ({ kind, items: items.filter((item) => item.kind === kind) }))
    .filter((group) => group.items.length > 0);
  return (
    <>
      {groups.map((group) => (
        <Section key={group.kind} id={`${id}-${group.kind}`} title={attentionGroupLabels[group.kind]}>
          <ul className="attention-list">
            {group.items.map((item, index) => (
              <AttentionEntry
                key={`${item.threadId ?? item.sessionId ?? item.courseId}-${index}`}
                item={item}
              />
            ))}
          </ul>
        </Section>
      ))}
      {caseloadAccessChanges > 0 ? (
        <Section id={`${id}-caseload-access`} title="Access to your caseload">
          <CaseloadAccessEntry count={caseloadAccessChanges} />
        </Section>
      ) : null}
    </>
  );
}
