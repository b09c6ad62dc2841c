import { useNavigate } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { homePathForRole } from "../../config/paths";
import { useFactors, useForgetFactors } from "../../features/auth/api/factors";
import { useSession } from "../../features/auth/api/get-session";
import { TotpEnrolment } from "../../features/auth/components/totp-enrolment";
import { FactorManagement } from "../../features/auth/components/factor-management";
import type { FlashState } from "../layouts/app-shell";

/** Sign-in security: set up an authenticator app (forced where the role requires one), or manage it. */
export function AccountSecurityRoute() {
  const { data: session } = useSession();
  const factors = useFactors();
  const navigate = useNavigate();
  const forgetFactors = useForgetFactors();
  const forced = session?.enrolmentRequired ?? false;

  return (
    <div className="page page--narrow">
      <PageHeading>Sign-in security</PageHeading>
      {session?.factorsReset ? (
        <div role="status" className="notice notice--warning">
          <p>
            An administrator reset your sign-in factors. Your old authenticator app and recovery codes no
            longer work. Set up the app again.
          </p>
        </div>
      ) : null}
      {forced ? (
        <div className="notice notice--info">
          <p>
            Your organisation asks everyone in your role to use a second factor: a code from an authenticator
            app on your phone, as well as your password. Set it up before you continue.
          </p>
        </div>
      ) : null}
      {factors.isPending ? (
        <p role="status">Loading your sign-in factors…</p>
      ) : factors.isError ? (
        <p role="alert" className="notice notice--error">
          Your sign-in factors could not be loaded. Reload the page to try again.
        </p>
      ) : factors.data.totp.enrolled ? (
        <FactorManagement factors={factors.data} />
      ) : (
        <TotpEnrolment
          onDone={() => {
            void forgetFactors();
            const state: FlashState = { flash: "Your authenticator app is set up." };
            void navigate(homePathForRole(session?.user.role ?? "therapist"), { replace: true, state });
          }}
        />
      )}
    </div>
  );
}
