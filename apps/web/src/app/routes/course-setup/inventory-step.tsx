import type { CourseDetail } from "@ipt/shared";
import { SourceTags } from "../../../components/clinical/source-tags";
import { WorkingDiagnosisForm } from "../../../features/clients/components/working-diagnosis-form";
import { useRefreshCourse, useReloadCourse } from "../../../features/courses/api/get-course";
import { InitialTasksForm } from "../../../features/courses/components/initial-tasks-form";
import { InventoryEditor } from "../../../features/inventory/components/inventory-editor";
import { CourseSetupPage } from "./setup-page";

/** Set-up step 2: the interpersonal inventory, plus naming the diagnosis and giving the sick role. */
export function InventoryStepRoute() {
  return <CourseSetupPage step="inventory">{(course) => <InventoryStep course={course} />}</CourseSetupPage>;
}

function InventoryStep({ course }: { course: CourseDetail }) {
  // The course's checks (initial-phase gaps, problem-area warnings) depend on these records.
  const refreshCourse = useRefreshCourse(course.id);
  const reloadCourse = useReloadCourse(course.id);
  return (
    <>
      <section className="section" aria-labelledby="diagnosis-heading">
        <h2 id="diagnosis-heading" className="section__title">
          Diagnosis and sick role <SourceTags tags={["S7", "S10a"]} />
        </h2>
        <WorkingDiagnosisForm
          client={course.client}
          onSaved={() => void refreshCourse()}
          onReload={reloadCourse}
        />
        <InitialTasksForm course={course} />
      </section>
      <InventoryEditor
        clientId={course.client.id}
        clientName={course.client.displayName}
        onChanged={() => void refreshCourse()}
      />
    </>
  );
}
