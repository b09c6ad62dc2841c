import { FIDELITY_DISAGREEMENT, type CourseFidelity, type SessionFidelity } from "@ipt/shared";
import { useState } from "react";
import { QueryFallback } from "../../../components/states";
import { useCourseFidelity, useReloadCourseFidelity } from "../api/get-course-fidelity";
import { FidelityForm } from "./fidelity-form";
import { DisagreementList, FidelityRatingView } from "./fidelity-rating-view";
import { disagreementsOf, ownRating } from "./fidelity-text";
import "./fidelity.css";

const differHeading = `Items rated ${FIDELITY_DISAGREEMENT} or more apart`;

/** For a supervisor: the therapist's self-rating and where it differs from the supervisor's own. */
function SelfRatingAside({ session, viewerId }: { session: SessionFidelity; viewerId: string }) {
  const own = ownRating(session, "supervisor", viewerId);
  return (
    <>
      <h3 className="fidelity-aside__title">Therapist’s self-rating</h3>
      {session.selfRating ? (
        <>
          <FidelityRatingView rating={session.selfRating} />
          <h3 className="fidelity-aside__title">{differHeading}</h3>
          <DisagreementList disagreements={own ? disagreementsOf(session, own) : []} />
        </>
      ) : (
        <p className="muted">The therapist has not rated this session yet.</p>
      )}
    </>
  );
}

/** For the therapist: each supervisor's rating and where it differs from the self-rating. */
function SupervisorRatingsAside({ session }: { session: SessionFidelity }) {
  if (session.supervisorRatings.length === 0) {
    return (
      <>
        <h3 className="fidelity-aside__title">Supervisor’s rating</h3>
        <p className="muted">No supervisor has rated this session yet.</p>
      </>
    );
  }
  return (
    <>
      {session.supervisorRatings.map((rating) => (
        <div key={rating.id} className="stack">
          <h3 className="fidelity-aside__title">Supervisor’s rating: {rating.rater.name}</h3>
          <FidelityRatingView rating={rating} />
          {session.selfRating ? (
            <>
              <h4>{differHeading}</h4>
              <DisagreementList disagreements={disagreementsOf(session, rating)} />
            </>
          ) : null}
        </div>
      ))}
    </>
  );
}

/**
 * The viewer's own rating form for one session and, beside it, the other side's rating to read:
 * a supervisor sees the therapist's self-rating, the therapist sees the supervisors' ratings.
 */
export function SessionFidelityContent({
  fidelity,
  sessionId,
  viewerId,
  headingId,
  onReload,
  formKey = 0,
}: {
  fidelity: CourseFidelity;
  sessionId: string;
  viewerId: string;
  headingId: string;
  onReload?: () => Promise<unknown>;
  /** Changes after a reload, so the form starts again from the latest saved rating. */
  formKey?: number;
}) {
  const session = fidelity.sessions.find((entry) => entry.sessionId === sessionId);
  if (!session) return <p>Cancelled sessions are not rated.</p>;
  if (session.status !== "held") return <p>Only a held session can be rated.</p>;
  return (
    <div className="with-aside">
      <div className="with-aside__main">
        <FidelityForm
          key={formKey}
          sessionId={sessionId}
          courseId={fidelity.courseId}
          rating={ownRating(session, fidelity.viewerRole, viewerId)}
          headingId={headingId}
          onReload={onReload}
        />
      </div>
      <div className="fidelity-aside">
        {fidelity.viewerRole === "supervisor" ? (
          <SelfRatingAside session={session} viewerId={viewerId} />
        ) : (
          <SupervisorRatingsAside session={session} />
        )}
      </div>
    </div>
  );
}

/** The session's fidelity ratings, read from its course's ratings (loading and failure included). */
export function SessionFidelityPanel({
  courseId,
  sessionId,
  viewerId,
  headingId,
}: {
  courseId: string;
  sessionId: string;
  viewerId: string;
  /** The heading that names the rating form. */
  headingId: string;
}) {
  const fidelity = useCourseFidelity(courseId);
  const reloadRatings = useReloadCourseFidelity(courseId);
  const [formKey, setFormKey] = useState(0);
  if (fidelity.isPending || fidelity.isError) {
    return (
      <QueryFallback
        query={fidelity}
        loading="Loading the fidelity ratings…"
        errorTitle="The fidelity ratings could not be loaded."
      />
    );
  }
  return (
    <SessionFidelityContent
      fidelity={fidelity.data}
      sessionId={sessionId}
      viewerId={viewerId}
      headingId={headingId}
      formKey={formKey}
      onReload={async () => {
        await reloadRatings();
        setFormKey((key) => key + 1);
      }}
    />
  );
}
