import { useEffect, type ReactNode } from "react";
import { APP_NAME } from "../config/app";

/** The id the router's focus management looks for after each navigation. */
export const PAGE_HEADING_ID = "page-heading";

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – ${APP_NAME}` : APP_NAME;
  }, [title]);
}

/**
 * The page's one h1. It takes focus after client-side navigation (see `useFocusOnNavigation`) so
 * screen reader users hear where they are, and it sets the document title.
 */
export function PageHeading({ children, title }: { children: ReactNode; title?: string }) {
  useDocumentTitle(title ?? (typeof children === "string" ? children : ""));
  return (
    <h1 id={PAGE_HEADING_ID} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
