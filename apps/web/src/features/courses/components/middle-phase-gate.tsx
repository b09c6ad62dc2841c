import type { CourseDetail } from "@ipt/shared";
import type { SubmitEvent } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { SubmitButton } from "../../../components/form-fields";
import { LiveStatus } from "../../../components/states";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { formatDate } from "../../../lib/format";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useBeginMiddlePhase } from "../api/begin-middle-phase";
import { useReloadCourse } from "../api/get-course";

/**
 * What the initial phase still lacks, and the button that moves the course on. The server decides:
 * when something is missing it refuses and lists it.
 */
export function MiddlePhaseGate({ course }: { course: CourseDetail }) {
  const beginMiddle = useBeginMiddlePhase();
  const reload = useReloadCourse(course.id);
  const { formRef, errors, setErrors } = useWriteErrors();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (beginMiddle.isPending) return;
    setErrors(noWriteErrors);
    beginMiddle.mutate(
      { courseId: course.id, body: { version: course.version } },
      { onError: (error) => setErrors(writeErrorsFromError(error, [])) },
    );
  }

  const begun =
    course.phase === "initial"
      ? null
      : `The middle phase began${course.middleStartedAt ? ` on ${formatDate(course.middleStartedAt)}` : ""}.`;

  return (
    <div className="stack">
      <LiveStatus message={begun} />
      {course.phase === "initial" ? (
        <>
          {/* Once the server has refused, its list (below) replaces this one. */}
          {errors.missing.length > 0 ? null : course.initialPhaseGaps.length > 0 ? (
            <>
              <p>Before the middle phase can begin:</p>
              <ul className="gap-list">
                {course.initialPhaseGaps.map((gap) => (
                  <li key={gap.item}>
                    {gap.message} <SourceTags tags={gap.sources} />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>Every initial-phase task is recorded. The middle phase can begin.</p>
          )}
          {/* The button appears once nothing is missing (the server still decides). */}
          {course.initialPhaseGaps.length === 0 || errors.missing.length > 0 ? (
            <form ref={formRef} noValidate onSubmit={handleSubmit}>
              <WriteErrorSummary errors={errors} onReload={reload} />
              <SubmitButton pending={beginMiddle.isPending} pendingLabel="Beginning the middle phase…">
                Begin the middle phase
              </SubmitButton>
            </form>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
