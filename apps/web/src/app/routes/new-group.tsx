import { useNavigate } from "react-router";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { PageHeading } from "../../components/page-heading";
import { Section } from "../../components/section";
import { paths } from "../../config/paths";
import { NewGroupForm } from "../../features/groups/components/new-group-form";

/** A new group and its plan; then on to the group's page to add members. */
export function NewGroupRoute() {
  const navigate = useNavigate();
  return (
    <div className="page">
      <Breadcrumbs
        crumbs={[{ label: "Groups", href: paths.therapist.groups.getHref() }, { label: "New group" }]}
      />
      <PageHeading>New group</PageHeading>
      <p className="page-subtitle">
        The group’s weekly sessions are planned at once; members are added on the group’s page.
      </p>
      <Section id="new-group-heading" title="The group and its schedule">
        <NewGroupForm
          // The group as the server answered is already stored (features/groups/api/cache.ts).
          onCreated={(group) => void navigate(paths.therapist.group.getHref(group.id))}
        />
      </Section>
    </div>
  );
}
