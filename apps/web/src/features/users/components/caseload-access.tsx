// Separation of duties (docs/decisions/025): the therapist sees who can read their caseload now
// (each supervisor, since when, assigned by whom) and every grant and revocation, newest first;
// changes not yet seen are marked until the therapist says they have seen them.
import type { CaseloadAccessResponse, PersonRef } from "@ipt/shared";
import { useId } from "react";
import { FormAlert } from "../../../components/form-fields";
import { Section } from "../../../components/section";
import { EmptyState, SuccessMessage } from "../../../components/states";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useAcknowledgeCaseloadAccess } from "../api/acknowledge-caseload-access";
import "./caseload-access.css";

type Reader = CaseloadAccessResponse["readers"][number];
type Change = CaseloadAccessResponse["changes"][number];

function errorMessage(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

/** "by Ada Admin", or a plain note for grants made before the granter was recorded. */
function byWhom(person: PersonRef | null): string {
  return person ? `by ${person.name}` : "(who made it was not recorded)";
}

function Person({ person }: { person: PersonRef }) {
  return (
    <>
      <span className="caseload-access__name">{person.name}</span>
      <span className="person-list__email">{person.email}</span>
    </>
  );
}

function ReaderEntry({ reader }: { reader: Reader }) {
  return (
    <li className="caseload-access__item">
      <p className="caseload-access__who">
        <Person person={reader.supervisor} />
      </p>
      <p className="caseload-access__when">
        Supervisor since <time dateTime={reader.since}>{formatDate(reader.since)}</time>, assigned{" "}
        {byWhom(reader.grantedBy)}.
      </p>
    </li>
  );
}

function ChangeEntry({ change }: { change: Change }) {
  const granted = change.change === "granted";
  return (
    <li className="caseload-access__item">
      <p className="caseload-access__who">
        <span className="caseload-access__change">{granted ? "Access granted" : "Access removed"}</span>
        {change.seen ? null : <span className="badge badge--new">New</span>}
      </p>
      <p>
        {change.supervisor.name} {granted ? "can now read" : "can no longer read"} your caseload, as your
        supervisor.
      </p>
      <p className="caseload-access__when">
        <time dateTime={change.changedAt}>{formatDateTime(change.changedAt)}</time>,{" "}
        {byWhom(change.changedBy)}.
      </p>
    </li>
  );
}

/** The changes not yet seen, and the button that marks them seen (they then leave the attention list). */
function UnseenChanges({ count }: { count: number }) {
  const acknowledge = useAcknowledgeCaseloadAccess();
  if (count === 0) {
    // The button has gone with the changes it marked: say so, and keep focus on the page.
    return acknowledge.isSuccess ? (
      <SuccessMessage focusOnMount>The changes are marked as seen.</SuccessMessage>
    ) : null;
  }
  return (
    <div className="notice notice--important caseload-access__unseen">
      <p>
        {count === 1
          ? "1 change to who can read your caseload is new to you."
          : `${count} changes to who can read your caseload are new to you.`}{" "}
        Check them below. If a change is not what you expected, speak to your service’s administrator or
        manager.
      </p>
      <FormAlert message={errorMessage(acknowledge.error)} />
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={acknowledge.isPending || undefined}
        onClick={() => {
          if (!acknowledge.isPending) acknowledge.mutate();
        }}
      >
        {acknowledge.isPending ? "Marking as seen…" : "Mark as seen"}
      </button>
    </div>
  );
}

/** Who can read the therapist's caseload now, and every change to that. */
export function CaseloadAccess({ access }: { access: CaseloadAccessResponse }) {
  const id = useId();
  const unseen = access.changes.filter((change) => !change.seen).length;
  return (
    <>
      <UnseenChanges count={unseen} />
      <Section id={`${id}-readers`} title="Who can read your caseload now">
        {access.readers.length === 0 ? (
          <EmptyState title="Only you can read your caseload.">
            <p>No supervisor is assigned to you.</p>
          </EmptyState>
        ) : (
          <ul className="caseload-access__list">
            {access.readers.map((reader) => (
              <ReaderEntry key={reader.supervisor.id} reader={reader} />
            ))}
          </ul>
        )}
      </Section>
      <Section id={`${id}-changes`} title="Changes, newest first">
        {access.changes.length === 0 ? (
          <EmptyState title="No changes yet." />
        ) : (
          <ul className="caseload-access__list">
            {access.changes.map((change) => (
              <ChangeEntry key={change.id} change={change} />
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
