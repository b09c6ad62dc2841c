// The "Supervision review" section of the course and session pages, for the therapist and for
// supervisors alike: each part's co-sign status, then its comment threads. Composed here because
// web features do not import each other (co-signing and threads are two features).
import type { ReviewAuthorRole, ReviewTarget } from "@ipt/shared";
import { Section } from "../../components/section";
import { useSession } from "../../features/auth/api/get-session";
import { CoSignStatusPanel } from "../../features/review/components/cosign-status";
import { ReviewThreads } from "../../features/review/components/review-threads";

const SECTION_ID = "supervision-review-heading";

/** The signed-in user's part in a review; null for anyone else (the pages are theirs only). */
function useViewerRole(): ReviewAuthorRole | null {
  const role = useSession().data?.user.role;
  return role === "therapist" || role === "supervisor" ? role : null;
}

function CoursePart({
  courseId,
  target,
  title,
  viewerRole,
}: {
  courseId: string;
  target: Exclude<ReviewTarget, "session">;
  title: string;
  viewerRole: ReviewAuthorRole;
}) {
  return (
    <>
      <h3 className="section__subtitle">{title}</h3>
      <CoSignStatusPanel courseId={courseId} target={target} viewerRole={viewerRole} />
      <ReviewThreads courseId={courseId} target={target} viewerRole={viewerRole} headingLevel={4} />
    </>
  );
}

/**
 * On a course page: the formulation and the plan. With `session`, on a session page: that session.
 */
export function ReviewPanel({
  courseId,
  session,
}: {
  courseId: string;
  session?: { id: string; number: number | null };
}) {
  const viewerRole = useViewerRole();
  if (!viewerRole) return null;
  return (
    <Section focusable id={SECTION_ID} title="Supervision review">
      {session ? (
        <>
          <CoSignStatusPanel
            courseId={courseId}
            target="session"
            sessionId={session.id}
            sessionNumber={session.number}
            viewerRole={viewerRole}
          />
          <ReviewThreads
            courseId={courseId}
            target="session"
            sessionId={session.id}
            viewerRole={viewerRole}
            headingLevel={3}
          />
        </>
      ) : (
        <>
          <CoursePart courseId={courseId} target="formulation" title="Formulation" viewerRole={viewerRole} />
          <CoursePart courseId={courseId} target="plan" title="Plan" viewerRole={viewerRole} />
        </>
      )}
    </Section>
  );
}
