import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { APP_NAME } from "../../config/app";
import { paths } from "../../config/paths";
import { ApiError, NetworkError } from "../../lib/api-client";
import { RouteStatusError } from "../route-guards";

interface ErrorDescription {
  title: string;
  message: string;
  reference?: string | undefined;
  canRetry: boolean;
}

function describe(error: unknown): ErrorDescription {
  const status =
    isRouteErrorResponse(error) || error instanceof ApiError || error instanceof RouteStatusError
      ? error.status
      : null;

  if (status === 403 && !(error instanceof ApiError && error.code === "csrf_failed")) {
    return {
      title: "You do not have access to this page",
      message: "Your account’s role does not include this page. If you need access, ask an administrator.",
      canRetry: false,
    };
  }
  if (status === 404) {
    return {
      title: "Page not found",
      message:
        error instanceof ApiError || error instanceof RouteStatusError
          ? error.message
          : "There is no page at this address. Check the address, or go back to your home page.",
      canRetry: false,
    };
  }
  if (status === 401) {
    return {
      title: "Your session has ended",
      message: "Sign in again to continue.",
      canRetry: false,
    };
  }
  if (error instanceof NetworkError) {
    return { title: "The server could not be reached", message: error.message, canRetry: true };
  }
  return {
    title: "Something went wrong",
    message:
      error instanceof ApiError
        ? error.message
        : "This page could not be shown. Please try again. If it keeps happening, contact support.",
    reference: error instanceof ApiError ? error.requestId : undefined,
    canRetry: true,
  };
}

function ErrorContent() {
  const error = useRouteError();
  const { title, message, reference, canRetry } = describe(error);
  const sessionEnded = (error instanceof ApiError || isRouteErrorResponse(error)) && error.status === 401;
  return (
    <div className="page page--narrow">
      <PageHeading>{title}</PageHeading>
      <p>{message}</p>
      {reference ? (
        <p>
          If you contact support, quote this reference: <span className="mono">{reference}</span>
        </p>
      ) : null}
      <ul className="link-list">
        {canRetry ? (
          <li>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => window.location.reload()}
            >
              Try again
            </button>
          </li>
        ) : null}
        <li>
          {sessionEnded ? (
            // The sign-in page is a document of its own, not a route of this router.
            <a href={paths.auth.login.getHref()}>Sign in</a>
          ) : (
            <Link to={paths.home.getHref()}>Go to your home page</Link>
          )}
        </li>
      </ul>
    </div>
  );
}

/** Errors in a page: shown inside the app shell, so navigation stays available. */
export function RouteErrorPage() {
  return <ErrorContent />;
}

/** Errors outside the shell (or in it): a complete page with its own landmarks. */
export function RootErrorPage() {
  return (
    <div className="shell">
      <header className="site-header">
        <div className="site-header__inner">
          <a href={paths.home.getHref()} className="site-header__name">
            {APP_NAME}
          </a>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        <ErrorContent />
      </main>
    </div>
  );
}
