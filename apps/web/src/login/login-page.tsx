import type { SessionResponse } from "@ipt/shared";
import { PageHeading } from "../components/page-heading";
import { APP_NAME } from "../config/app";
import { homePathForRole, paths } from "../config/paths";
import { LoginForm } from "../features/auth/components/login-form";

/** Where a user goes once signed in: a temporary password is changed first, then the page they asked for. */
export function destinationAfterSignIn(session: SessionResponse, next: string | null): string {
  if (session.user.mustChangePassword) return paths.auth.changePassword.getHref();
  return next ?? homePathForRole(session.user.role);
}

export function LoginPage({ next, sessionEnded }: { next: string | null; sessionEnded: boolean }) {
  return (
    <div className="auth-layout">
      <header className="site-header">
        <div className="site-header__inner">
          <span className="site-header__name">{APP_NAME}</span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="card">
          <PageHeading>Sign in</PageHeading>
          {sessionEnded ? (
            <div role="status" className="notice notice--info">
              Your session ended, so you were signed out to protect client information. Sign in again to
              continue where you left off.
            </div>
          ) : null}
          <LoginForm
            // A new document: the app starts with nothing but this session.
            onSignedIn={(session) => window.location.replace(destinationAfterSignIn(session, next))}
          />
          <p className="muted">
            Forgotten your password, or sign-in slowed after failed attempts? Ask an administrator.
          </p>
        </div>
      </main>
    </div>
  );
}
