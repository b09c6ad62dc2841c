import type { QueryClient } from "@tanstack/react-query";
import { redirect, useNavigate, useSearchParams, type LoaderFunctionArgs } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { APP_NAME } from "../../config/app";
import { homePathForRole, paths } from "../../config/paths";
import { sessionQueryOptions } from "../../features/auth/api/get-session";
import { LoginForm } from "../../features/auth/components/login-form";
import { safeNextPath } from "../../lib/safe-next-path";

/** Already signed in: straight on to where they were going. */
export const loginLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.query(sessionQueryOptions());
    if (!session) return null;
    if (session.user.mustChangePassword) return redirect(paths.auth.changePassword.getHref());
    const next = safeNextPath(new URL(request.url).searchParams.get("next"));
    return redirect(next ?? homePathForRole(session.user.role));
  };

export function LoginRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNextPath(searchParams.get("next"));
  const sessionEnded = searchParams.get("reason") === "session-ended";

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
            onSignedIn={(session) => {
              const target = session.user.mustChangePassword
                ? paths.auth.changePassword.getHref()
                : (next ?? homePathForRole(session.user.role));
              void navigate(target, { replace: true });
            }}
          />
          <p className="muted">
            Forgotten your password or locked out? Ask an administrator to reset your password.
          </p>
        </div>
      </main>
    </div>
  );
}
