import type { SessionDetail } from "@ipt/shared";
import {
  AmendmentsList,
  CancelledSession,
  SessionRecordView,
} from "../../../components/clinical/session-record";

/**
 * A session record as a supervisor reviews it, read only (the page header says where it stands): the agenda with what
 * was done, what the therapist wrote, who signed it, and the amendments since.
 */
export function SupervisedSession({ session }: { session: SessionDetail }) {
  return (
    <>
      <section className="section" aria-labelledby="record-heading">
        <h2 id="record-heading" className="section__title">
          Session record
        </h2>
        {session.status === "cancelled" ? (
          <CancelledSession session={session} />
        ) : (
          <SessionRecordView session={session} />
        )}
        {session.signedAt ? (
          <>
            <h3 className="section__subtitle">Amendments</h3>
            <AmendmentsList session={session} />
          </>
        ) : null}
      </section>
    </>
  );
}
