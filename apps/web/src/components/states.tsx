import { useEffect, useRef, type ReactNode } from "react";

export function LoadingState({ children = "Loading…" }: { children?: ReactNode }) {
  return (
    <p role="status" className="state state--loading">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({
  title = "This information could not be loaded.",
  error,
  onRetry,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
}) {
  const detail = error instanceof Error ? error.message : null;
  return (
    <div role="alert" className="state state--error">
      <p className="state__title">{title}</p>
      {detail ? <p>{detail}</p> : null}
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** A query's page while it loads, or its failure with "Try again". */
export function QueryFallback({
  query,
  loading,
  errorTitle,
}: {
  query: { isPending: boolean; error: unknown; refetch: () => Promise<unknown> };
  loading: ReactNode;
  errorTitle: string;
}) {
  return query.isPending ? (
    <LoadingState>{loading}</LoadingState>
  ) : (
    <ErrorState title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />
  );
}

/**
 * A polite announcement for things that went well ("Account saved."). `focusOnMount` is for when
 * the control that was used has gone (e.g. "Deactivate" became "Reactivate").
 */
export function SuccessMessage({
  children,
  focusOnMount = false,
}: {
  children: ReactNode;
  focusOnMount?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  return (
    <div ref={ref} role="status" className="notice notice--success" tabIndex={-1}>
      {children}
    </div>
  );
}

/**
 * A polite live region that is always on the page, so a message put into it later ("Saved.") is
 * announced reliably; empty, it takes no space.
 */
export function LiveStatus({ message }: { message: string | null }) {
  return (
    <div role="status" className="live-status">
      {message ? <p className="notice notice--success">{message}</p> : null}
    </div>
  );
}
