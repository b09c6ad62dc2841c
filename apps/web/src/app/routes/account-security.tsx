import { useNavigate } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { homePathForRole } from "../../config/paths";
import { useFactors, useForgetFactors } from "../../features/auth/api/factors";
import { useSession } from "../../features/auth/api/get-session";
import { TotpEnrolment } from "../../features/auth/components/totp-enrolment";
import { FactorManagement } from "../../features/auth/components/factor-management";
import { PasskeyManagement } from "../../features/auth/components/passkey-management";
import type { FlashState } from "../layouts/app-shell";

/**
 * Sign-in security: set up an authenticator app or a passkey (one of them is forced where the role
 * requires a factor), or manage them.
 */
export function AccountSecurityRoute() {
  const { data: session } = useSession();
  const factors = useFactors();
  const navigate = useNavigate();
  const forgetFactors = useForgetFactors();
  const forced = session?.enrolmentRequired ?? false;
  // Once a forced enrolment is done, on to the person's home page with the news.
  function done(flash: string) {
    void forgetFactors();
    const state: FlashState = { flash };
    void navigate(homePathForRole(session?.user.role ?? "therapist"), { replace: true, state });
  }

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
            Your organisation asks everyone in your role to use a second factor as well as your password: a
            code from an authenticator app on your phone, or a passkey on this device. Set one up before you
            continue.
          </p>
        </div>
      ) : null}
      {factors.isPending ? (
        <p role="status">Loading your sign-in factors…</p>
      ) : factors.isError ? (
        <p role="alert" className="notice notice--error">
          Your sign-in factors could not be loaded. Reload the page to try again.
        </p>
      ) : (
        <>
          <section aria-labelledby="authenticator-app-heading" className="stack">
            <h2 id="authenticator-app-heading">Authenticator app</h2>
            {factors.data.totp.enrolled ? (
              <FactorManagement factors={factors.data} />
            ) : (
              <TotpEnrolment onDone={() => done("Your authenticator app is set up.")} />
            )}
          </section>
          <section aria-labelledby="passkeys-heading" className="stack">
            <h2 id="passkeys-heading">Passkeys</h2>
            <PasskeyManagement
              passkeys={factors.data.passkeys}
              onCodesSaved={() => {
                if (forced) done("Your passkey is added.");
                else void forgetFactors();
              }}
            />
          </section>
        </>
      )}
    </div>
  );
}
