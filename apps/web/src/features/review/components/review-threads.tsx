import type { ReviewAuthorRole, ReviewThread } from "@ipt/shared";
import { QueryFallback } from "../../../components/states";
import { useReloadReviewThreads, useReviewThreads, type ThreadScope } from "../api/list-review-threads";
import { NewThreadForm } from "./new-thread-form";
import { ReviewThreadArticle, type HeadingLevel } from "./review-thread";
import "./review-threads.css";

interface DisplayProps {
  viewerRole: ReviewAuthorRole;
  /** The level of each thread's heading, one below the heading of the part of the page it is in. */
  headingLevel: HeadingLevel;
}

/** The threads (open first, as the API sends them) and the form that starts a new one. */
export function ReviewThreadsView({
  scope,
  threads,
  viewerRole,
  headingLevel,
  onReload,
}: DisplayProps & { scope: ThreadScope; threads: ReviewThread[]; onReload: () => Promise<unknown> }) {
  return (
    <div className="review-threads">
      {threads.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        threads.map((thread) => (
          <ReviewThreadArticle
            key={thread.id}
            thread={thread}
            viewerRole={viewerRole}
            headingLevel={headingLevel}
            onReload={onReload}
          />
        ))
      )}
      <NewThreadForm scope={scope} viewerRole={viewerRole} onReload={onReload} />
    </div>
  );
}

/**
 * Comments and change requests on one part of a course (its formulation or plan, or a session),
 * read for the signed-in therapist or supervisor; loading and failure stay in this part of the page.
 */
export function ReviewThreads({
  courseId,
  target,
  sessionId,
  viewerRole,
  headingLevel,
}: ThreadScope & DisplayProps) {
  const scope = { courseId, target, sessionId };
  const threads = useReviewThreads(scope);
  const reload = useReloadReviewThreads(courseId);
  if (threads.isPending || threads.isError) {
    return (
      <QueryFallback
        query={threads}
        loading="Loading comments…"
        errorTitle="The comments could not be loaded."
      />
    );
  }
  return (
    <ReviewThreadsView
      scope={scope}
      threads={threads.data.items}
      viewerRole={viewerRole}
      headingLevel={headingLevel}
      onReload={reload}
    />
  );
}
