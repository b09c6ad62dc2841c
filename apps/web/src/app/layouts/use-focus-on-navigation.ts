import { useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { PAGE_HEADING_ID } from "../../components/page-heading";

/**
 * After moving to another page (not on first load, not when only the query string changes, e.g.
 * filters or paging), scroll to the top and focus the new page's h1 so screen readers announce it.
 */
export function useFocusOnNavigation(): void {
  const { pathname } = useLocation();
  const previous = useRef(pathname);

  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    window.scrollTo(0, 0);
    document.getElementById(PAGE_HEADING_ID)?.focus();
  }, [pathname]);
}
