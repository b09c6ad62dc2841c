import type { SessionResponse } from "@ipt/shared";
import { useState } from "react";
import { PageHeading } from "../components/page-heading";
import { APP_NAME } from "../config/app";
import { homePathForRole, paths } from "../config/paths";
import { passSecondFactorWithPasskey, signInWithPasskey } from "../features/auth/api/passkeys";
import { LoginForm } from "../features/auth/components/login-form";
import { PasskeyButton } from "../features/auth/components/passkey-button";
import { SecondFactorForm } from "../features/auth/components/second-factor-form";
import { configureApiClient } from "../lib/api-client";

/**
 * Where a user goes once signed in: a temporary password is changed first, then a second factor the
 * role requires is set up, then the page they asked for.
 */
export function destinationAfterSignIn(session: SessionResponse, next: string | null): string {
  if (session.user.mustChangePassword) return paths.auth.changePassword.getHref();
  if (session.enrolmentRequired) return paths.auth.security.getHref();
  return next ?? homePathForRole(session.user.role);
}

export function LoginPage({ next, sessionEnded }: { next: string | null; sessionEnded: boolean }) {
  // After the password, an account with a second factor gets the code step on this same page.
  const [step, setStep] = useState<"password" | "second_factor">("password");
  // A new document: the app starts with nothing but this session.
  const open = (session: SessionResponse) => window.location.replace(destinationAfterSignIn(session, next));
  return (
    <div className="auth-layout">
      <header className="site-header">
        <div className="site-header__inner">
          <span className="site-header__name">{APP_NAME}</span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="card">
          <PageHeading>{step === "password" ? "Sign in" : "Enter your code"}</PageHeading>
          {step === "password" && sessionEnded ? (
            <div role="status" className="notice notice--info">
              Your session ended, so you were signed out to protect client information. Sign in again to
              continue where you left off.
            </div>
          ) : null}
          {step === "password" ? (
            <>
              <LoginForm
                onSignedIn={(session) => {
                  if (session.secondFactorPending) {
                    // The code step is sent with the pending session, so with its CSRF token.
                    configureApiClient({ getCsrfToken: () => session.csrfToken });
                    setStep("second_factor");
                  } else open(session);
                }}
              />
              <p className="muted">Or, with a passkey on this device (no password needed):</p>
              <PasskeyButton label="Sign in with a passkey" run={signInWithPasskey} onDone={open} />
            </>
          ) : (
            <>
              <SecondFactorForm onPassed={open} />
              <PasskeyButton label="Use a passkey instead" run={passSecondFactorWithPasskey} onDone={open} />
            </>
          )}
          <p className="muted">
            {step === "password"
              ? "Forgotten your password, or sign-in slowed after failed attempts? Ask an administrator."
              : "Lost your phone and your recovery codes? Ask an administrator to reset your sign-in factors."}
          </p>
        </div>
      </main>
    </div>
  );
}
