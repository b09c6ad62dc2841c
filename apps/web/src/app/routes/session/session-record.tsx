import type { SessionDetail } from "@ipt/shared";
import { useState } from "react";
import {
  AmendmentsList,
  CancelledSession,
  SessionRecordView,
} from "../../../components/clinical/session-record";
import { PAGE_HEADING_ID } from "../../../components/page-heading";
import { Section } from "../../../components/section";
import { LiveStatus } from "../../../components/states";
import { AmendmentForm } from "../../../features/sessions/components/amendments";
import { SessionForm } from "../../../features/sessions/components/session-form";
import { useSessionOfLayout } from "./session-layout";

function RecordContent({ session, onSigned }: { session: SessionDetail; onSigned: () => void }) {
  if (session.status === "cancelled") return <CancelledSession session={session} />;
  if (session.signedAt) {
    return (
      <>
        <SessionRecordView session={session} />
        <section className="section section--flat" aria-labelledby="amendments-heading">
          <h2 id="amendments-heading" className="section__title">
            Amendments
          </h2>
          <AmendmentsList session={session} />
          <h3 className="section__subtitle">Add an amendment</h3>
          <AmendmentForm session={session} />
        </section>
      </>
    );
  }
  return <SessionForm key={session.id} session={session} onSigned={onSigned} />;
}

/** The session record: the form while it can change (with "Sign and lock" always in reach), then the signed record. */
export function SessionRecordRoute() {
  const session = useSessionOfLayout();
  const [status, setStatus] = useState<string | null>(null);
  return (
    <>
      <LiveStatus message={status} />
      <Section focusable id="record-heading" title="Session record">
        <RecordContent
          session={session}
          onSigned={() => {
            setStatus("The session has been signed and locked.");
            document.getElementById(PAGE_HEADING_ID)?.focus();
          }}
        />
      </Section>
    </>
  );
}
