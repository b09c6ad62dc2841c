import { QueryFallback } from "../../../components/states";
import { useCourseFidelity } from "../api/get-course-fidelity";
import { CourseFidelityTable } from "./course-fidelity-table";

/** The course's fidelity ratings, read on their own (loading and failure stay in this section). */
export function CourseFidelitySection({ courseId }: { courseId: string }) {
  const fidelity = useCourseFidelity(courseId);
  if (fidelity.isPending || fidelity.isError) {
    return (
      <QueryFallback
        query={fidelity}
        loading="Loading the fidelity ratings…"
        errorTitle="The fidelity ratings could not be loaded."
      />
    );
  }
  return <CourseFidelityTable fidelity={fidelity.data} />;
}
