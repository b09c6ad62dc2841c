import { useNavigate, useSearchParams } from "react-router";
import { PageHeading } from "../../../components/page-heading";
import { PagedResults } from "../../../components/paged-results";
import { paths } from "../../../config/paths";
import { useAuditEvents } from "../../../features/audit/api/list-audit-events";
import { AuditFilters } from "../../../features/audit/components/audit-filters";
import { AuditTable } from "../../../features/audit/components/audit-table";
import { useUsers } from "../../../features/users/api/list-users";
import { auditActorParams, auditParamsFromSearch } from "./admin-loaders";

export function AuditRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const params = auditParamsFromSearch(searchParams);
  const { actorId, action, from, to } = params;
  const filtered = Boolean(actorId || action || from || to);
  const events = useAuditEvents(params);
  const accounts = useUsers(auditActorParams);
  const actors = accounts.isError
    ? null
    : (accounts.data?.items.map(({ id, name, email }) => ({ id, name, email })) ?? []);
  const accountNames = new Map(actors?.map((person) => [person.id, person.name] as const));

  return (
    <div className="page">
      <PageHeading>Audit log</PageHeading>
      <p className="section__intro">
        Sign-ins, account changes and supervision changes, with who did them and from where.
      </p>

      <AuditFilters
        key={`${actorId ?? ""}|${action ?? ""}|${from ?? ""}|${to ?? ""}|${accounts.status}`}
        values={{ actorId, action, from, to }}
        actors={actors}
        onApply={(values) => void navigate(paths.admin.audit.getHref(values))}
      />

      <PagedResults
        query={events}
        loading="Loading audit events…"
        errorTitle="The audit log could not be loaded."
        emptyTitle={filtered ? "No audit events match these filters." : "No audit events yet."}
        emptyContent={filtered ? <p>Try a wider date range, or clear the filters.</p> : null}
        pagesLabel="Audit log pages"
        hrefForPage={(page) => paths.admin.audit.getHref({ actorId, action, from, to, page })}
      >
        {(items) => <AuditTable events={items} accountNames={accountNames} />}
      </PagedResults>
    </div>
  );
}
