import { Link, useSearchParams } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { PagedResults } from "../../components/paged-results";
import { paths } from "../../config/paths";
import { useGroups } from "../../features/groups/api/list-groups";
import { GroupsTable } from "../../features/groups/components/groups-table";
import { groupListParamsFromSearch } from "./groups-loaders";

function NewGroupLink() {
  return (
    <Link to={paths.therapist.newGroup.getHref()} className="button">
      New group
    </Link>
  );
}

/** The therapist's IPT groups: members at risk first and in red, then each group's next session. */
export function GroupsRoute() {
  const [searchParams] = useSearchParams();
  const params = groupListParamsFromSearch(searchParams);
  const groups = useGroups(params);
  const none = groups.data?.total === 0;

  return (
    <div className="page">
      <div className="page-header">
        <PageHeading>Groups</PageHeading>
        {none ? null : <NewGroupLink />}
      </div>
      <p className="page-subtitle">
        Group IPT (WHO): a pre-group individual meeting, weekly group sessions and a closing individual
        meeting. Each member keeps their own course, problem area, scores and risk flags.
      </p>
      <PagedResults
        query={groups}
        loading="Loading groups…"
        errorTitle="The groups could not be loaded."
        emptyTitle="You have no groups yet."
        emptyContent={
          <>
            <p>Create a group, then add clients to it.</p>
            <NewGroupLink />
          </>
        }
        pagesLabel="Group pages"
        hrefForPage={(page) => paths.therapist.groups.getHref({ page })}
      >
        {(items) => <GroupsTable groups={items} />}
      </PagedResults>
    </div>
  );
}
