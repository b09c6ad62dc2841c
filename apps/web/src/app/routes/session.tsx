import type { SessionDetail } from "@ipt/shared";
import { useState } from "react";
import { useParams } from "react-router";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { PageFallback } from "../../components/page-fallback";
import {
  AmendmentsList,
  CancelledSession,
  SessionFacts,
  SessionRecordView,
  sessionTitle,
} from "../../components/clinical/session-record";
import { PAGE_HEADING_ID, PageHeading } from "../../components/page-heading";
import { Section } from "../../components/section";
import { LiveStatus } from "../../components/states";
import { paths } from "../../config/paths";
import { useSession as useSignedInSession } from "../../features/auth/api/get-session";
import { SessionMeasures } from "../../features/measures/components/session-measures";
import { SessionFidelityPanel } from "../../features/fidelity/components/session-fidelity";
import { useReloadSession, useSession } from "../../features/sessions/api/get-session";
import { AmendmentForm } from "../../features/sessions/components/amendments";
import { GuidancePanel } from "../../features/sessions/components/guidance-panel";
import { SessionForm } from "../../features/sessions/components/session-form";
import { ReviewPanel } from "./review-panel";

function SessionRecord({ session, onSigned }: { session: SessionDetail; onSigned: () => void }) {
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

export function SessionRoute() {
  const { sessionId = "" } = useParams();
  const session = useSession(sessionId);
  const [status, setStatus] = useState<string | null>(null);
  const reload = useReloadSession(sessionId);
  const viewerId = useSignedInSession().data?.user.id;
  const caseload = { label: "Caseload", href: paths.therapist.caseload.getHref() };

  if (session.isPending || session.isError) {
    return (
      <PageFallback
        crumbs={[caseload, { label: "Session" }]}
        heading="Session"
        query={session}
        loading="Loading the session…"
        errorTitle="The session could not be loaded."
      />
    );
  }

  const data = session.data;
  const title = sessionTitle(data);
  return (
    <div className="page">
      <Breadcrumbs
        crumbs={[
          caseload,
          { label: data.course.clientName, href: paths.therapist.client.getHref(data.course.clientId) },
          { label: "Course", href: paths.therapist.course.getHref(data.course.id) },
          { label: title },
        ]}
      />
      <PageHeading title={`${title}: ${data.course.clientName}`}>{title}</PageHeading>
      <SessionFacts session={data} />
      <LiveStatus message={status} />
      {/* Before the record: an open risk flag raised here must be followed up before signing. */}
      <Section focusable id="measures-heading" title="Measures">
        <SessionMeasures session={data} headingId="measures-heading" onReload={reload} />
      </Section>
      <div className="with-aside">
        <section className="section with-aside__main" aria-labelledby="record-heading">
          <h2 id="record-heading" className="section__title">
            Session record
          </h2>
          <SessionRecord
            session={data}
            onSigned={() => {
              setStatus("The session has been signed and locked.");
              document.getElementById(PAGE_HEADING_ID)?.focus();
            }}
          />
        </section>
        <GuidancePanel session={data} />
      </div>
      <ReviewPanel courseId={data.course.id} session={data} />
      {data.status === "held" && viewerId ? (
        <Section focusable id="fidelity-heading" title="Your fidelity self-rating">
          <SessionFidelityPanel
            courseId={data.course.id}
            sessionId={data.id}
            viewerId={viewerId}
            headingId="fidelity-heading"
          />
        </Section>
      ) : null}
    </div>
  );
}
