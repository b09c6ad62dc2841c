import { Link, useParams } from "react-router";
import { PageHeading } from "../../../components/page-heading";
import { Section } from "../../../components/section";
import { QueryFallback } from "../../../components/states";
import { paths } from "../../../config/paths";
import { useUser } from "../../../features/users/api/get-user";
import { AccountAccess } from "../../../features/users/components/account-access";
import { AccountSummary } from "../../../features/users/components/account-summary";
import { EditAccountForm } from "../../../features/users/components/edit-account-form";
import { SuperviseesList, SupervisorsPanel } from "../../../features/users/components/supervisors-panel";

export function AccountRoute() {
  const { userId = "" } = useParams();
  const user = useUser(userId);

  const backLink = (
    <p className="back-link">
      <Link to={paths.admin.accounts.getHref()}>Back to all accounts</Link>
    </p>
  );

  if (user.isPending || user.isError) {
    return (
      <div className="page">
        {backLink}
        <PageHeading>Account</PageHeading>
        <QueryFallback
          query={user}
          loading="Loading account…"
          errorTitle="The account could not be loaded."
        />
      </div>
    );
  }

  const account = user.data;
  return (
    <div className="page">
      {backLink}
      <PageHeading title={`${account.name}: account`}>{account.name}</PageHeading>

      <Section id="account-details-heading" title="Account details">
        <AccountSummary user={account} />
      </Section>

      <Section id="edit-account-heading" title="Name and role">
        <EditAccountForm key={account.id} user={account} />
      </Section>

      {account.role === "therapist" ? (
        <Section id="supervisors-heading" title="Supervisors">
          <SupervisorsPanel therapist={account} />
        </Section>
      ) : null}

      {account.role === "supervisor" ? (
        <Section id="supervisees-heading" title="Supervisees">
          <p className="section__intro">Supervisors are assigned on each therapist’s account page.</p>
          <SuperviseesList supervisor={account} />
        </Section>
      ) : null}

      <Section id="access-heading" title="Access and password">
        <AccountAccess key={account.id} user={account} />
      </Section>
    </div>
  );
}
