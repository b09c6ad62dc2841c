import { useNavigate, useSearchParams } from "react-router";
import { Pagination } from "../../../components/pagination";
import { PageHeading } from "../../../components/page-heading";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states";
import { paths } from "../../../config/paths";
import { useUsers } from "../../../features/users/api/list-users";
import { AccountFilters } from "../../../features/users/components/account-filters";
import { AccountsTable } from "../../../features/users/components/accounts-table";
import { CreateAccountForm } from "../../../features/users/components/create-account-form";
import { describeRange } from "../../../lib/format";
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

      <section className="section" aria-labelledby="create-account-heading">
        <h2 id="create-account-heading" className="section__title">
          Create account
        </h2>
        <p className="section__intro">
          The new user gets a temporary password, shown to you once, and chooses their own password when they
          first sign in.
        </p>
        <CreateAccountForm />
      </section>

      <section className="section" aria-labelledby="all-accounts-heading">
        <h2 id="all-accounts-heading" className="section__title">
          All accounts
        </h2>
        <AccountFilters
          key={`${q ?? ""}|${role ?? ""}|${active ?? ""}`}
          values={{ q, role, active }}
          onApply={(values) => void navigate(paths.admin.accounts.getHref(values))}
        />
        {users.isPending ? (
          <LoadingState>Loading accounts…</LoadingState>
        ) : users.isError ? (
          <ErrorState
            title="The accounts could not be loaded."
            error={users.error}
            onRetry={() => void users.refetch()}
          />
        ) : users.data.items.length === 0 ? (
          <EmptyState title={filtered ? "No accounts match these filters." : "There are no accounts yet."}>
            {filtered ? <p>Try a different search, or clear the filters.</p> : null}
          </EmptyState>
        ) : (
          <>
            <p role="status" className="result-count">
              {describeRange(users.data.page, users.data.pageSize, users.data.items.length, users.data.total)}
              {users.isPlaceholderData ? " (updating…)" : null}
            </p>
            <AccountsTable users={users.data.items} />
            <Pagination
              label="Account pages"
              page={users.data.page}
              pageSize={users.data.pageSize}
              total={users.data.total}
              hrefForPage={(page) => paths.admin.accounts.getHref({ q, role, active, page })}
            />
          </>
        )}
      </section>
    </div>
  );
}
