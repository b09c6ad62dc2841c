import type { ClientDetail, CourseDetail } from "@ipt/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { PageFallback } from "../../components/page-fallback";
import { clientStatusLabels, coursePhaseLabels } from "../../components/clinical/labels";
import { SourceTags } from "../../components/clinical/source-tags";
import { PageHeading } from "../../components/page-heading";
import { Section } from "../../components/section";
import { EmptyState } from "../../components/states";
import { paths } from "../../config/paths";
import { useClient, useReloadClient } from "../../features/clients/api/get-client";
import { ClientCoursesTable } from "../../features/clients/components/client-courses-table";
import {
  newCourseOffer,
  openCourse,
  type NewCourseOffer,
} from "../../features/clients/components/client-record";
import { ClientSummary } from "../../features/clients/components/client-summary";
import { EditClientForm } from "../../features/clients/components/edit-client-form";
import { StartCourseForm } from "../../features/clients/components/start-course-form";
import { getCourseQueryOptions } from "../../features/courses/api/get-course";

function courseCount(count: number): string {
  return count === 0 ? "no courses yet" : count === 1 ? "1 course" : `${count} courses`;
}

function StartCourseIntro({ offer }: { offer: NewCourseOffer }) {
  return offer.kind === "first" ? (
    <p className="section__intro">
      No course has been started for this client. Choose the course’s format and manual lineage; the set-up
      then continues with the interpersonal inventory.
    </p>
  ) : (
    <p className="section__intro">
      Every course so far is completed. Continuation or maintenance treatment is a new course under a new
      contract <SourceTags tags={["S1a"]} />: course {offer.sequence} gets its own inventory, problem area,
      formulation and contract.
    </p>
  );
}

function ClientContent({ client, onReload }: { client: ClientDetail; onReload: () => Promise<unknown> }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const open = openCourse(client.courses);
  const offer = newCourseOffer(client.courses);

  function courseStarted(course: CourseDetail) {
    // The set-up step shows the course the server answered with, without reading it again.
    queryClient.setQueryData(getCourseQueryOptions(course.id).queryKey, course);
    void navigate(paths.therapist.courseSetup.inventory.getHref(client.id, course.id));
  }

  function clientSaved(saved: ClientDetail) {
    // Each course page shows the client's name and diagnosis (and edits them with its version).
    for (const course of saved.courses) {
      void queryClient.invalidateQueries({ queryKey: getCourseQueryOptions(course.id).queryKey });
    }
  }

  return (
    <>
      <Section id="client-details-heading" title="Client details">
        <ClientSummary client={client} />
      </Section>

      <Section id="courses-heading" title="Courses">
        {client.courses.length === 0 ? (
          <EmptyState title="No course has been started yet." />
        ) : (
          <ClientCoursesTable courses={client.courses} />
        )}
        {open ? (
          <p className="notice">
            Course {open.sequence} is open ({coursePhaseLabels[open.phase].toLowerCase()}). A new course can
            be started once it is completed.
          </p>
        ) : null}
      </Section>

      {offer ? (
        <Section id="start-course-heading" title="Start a new course">
          <StartCourseIntro offer={offer} />
          <StartCourseForm
            key={client.id}
            clientId={client.id}
            offer={offer}
            onStarted={courseStarted}
            onReload={onReload}
          />
        </Section>
      ) : null}

      <Section id="edit-client-heading" title="Edit details">
        <EditClientForm key={client.id} client={client} onSaved={clientSaved} onReload={onReload} />
      </Section>
    </>
  );
}

/** One client: their details (editable), every course, and starting a new course when none is open. */
export function ClientRoute() {
  const { clientId = "" } = useParams();
  const client = useClient(clientId);
  const reload = useReloadClient(clientId);
  const caseload = { label: "Caseload", href: paths.therapist.caseload.getHref() };

  if (client.isPending || client.isError) {
    return (
      <PageFallback
        crumbs={[caseload, { label: "Client" }]}
        heading="Client"
        query={client}
        loading="Loading the client…"
        errorTitle="The client could not be loaded."
      />
    );
  }

  const data = client.data;
  return (
    <div className="page">
      <Breadcrumbs crumbs={[caseload, { label: data.displayName }]} />
      <PageHeading title={`${data.displayName}: client`}>{data.displayName}</PageHeading>
      <p className="page-subtitle">
        {clientStatusLabels[data.status]}, {courseCount(data.courses.length)}.
      </p>
      <ClientContent client={data} onReload={reload} />
    </div>
  );
}
