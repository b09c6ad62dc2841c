import { Section } from "../../../components/section";
import { useSession as useSignedInSession } from "../../../features/auth/api/get-session";
import { SessionFidelityPanel } from "../../../features/fidelity/components/session-fidelity";
import { ReviewPanel } from "../review-panel";
import { useSessionOfLayout } from "./session-layout";

/** The supervisor's comments, change requests and co-signature, and the therapist's fidelity self-rating. */
export function SessionSupervisionRoute() {
  const session = useSessionOfLayout();
  const viewerId = useSignedInSession().data?.user.id;
  return (
    <>
      <ReviewPanel courseId={session.course.id} session={session} />
      {session.status === "held" && viewerId ? (
        <Section focusable id="fidelity-heading" title="Your fidelity self-rating">
          <SessionFidelityPanel
            courseId={session.course.id}
            sessionId={session.id}
            viewerId={viewerId}
            headingId="fidelity-heading"
          />
        </Section>
      ) : (
        <p className="muted">A fidelity self-rating can be given once the session is held.</p>
      )}
    </>
  );
}
