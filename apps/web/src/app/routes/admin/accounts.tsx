import { useNavigate, useSearchParams } from "react-router";
import { PageHeading } from "../../../components/page-heading";
import { PagedResults } from "../../../components/paged-results";
import { Section } from "../../../components/section";
import { paths } from "../../../config/paths";
import { useUsers } from "../../../features/users/api/list-users";
import { AccountFilters } from "../../../features/users/components/account-filters";
import { AccountsTable } from "../../../features/users/components/accounts-table";
import { CreateAccountForm } from "../../../features/users/components/create-account-form";
import { accountsParamsFromSearch } from "./admin-loaders";

export function AccountsRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const params = accountsParamsFromSearch(searchParams);
  const { q, role, active } = params;
  const filtered = Boolean(q || role || active);
  const users = useUsers(params);

  return (
    <div className="page">
      <PageHeading>Accounts</PageHeading>

      <Section id="create-account-heading" title="Create account">
        <p className="section__intro">
          The new user gets a temporary password, shown to you once, and chooses their own password when they
          first sign in.
        </p>
        <CreateAccountForm />
      </Section>

      <Section id="all-accounts-heading" title="All accounts">
        <AccountFilters
          key={`${q ?? ""}|${role ?? ""}|${active ?? ""}`}
          values={{ q, role, active }}
          onApply={(values) => void navigate(paths.admin.accounts.getHref(values))}
        />
        <PagedResults
          query={users}
          loading="Loading accounts…"
          errorTitle="The accounts could not be loaded."
          emptyTitle={filtered ? "No accounts match these filters." : "There are no accounts yet."}
          emptyContent={filtered ? <p>Try a different search, or clear the filters.</p> : null}
          pagesLabel="Account pages"
          hrefForPage={(page) => paths.admin.accounts.getHref({ q, role, active, page })}
        >
          {(items) => <AccountsTable users={items} />}
        </PagedResults>
      </Section>
    </div>
  );
}
