import { useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { PAGE_HEADING_ID } from "../../components/page-heading";

/**
 * After moving to another page (not on first load, not when only the query string changes, e.g.
 * filters or paging), scroll to the top and focus the new page's h1 so screen readers announce it.
 * A link to a section (`#phase-heading`) focuses and shows that section's heading instead.
 */
export function useFocusOnNavigation(): void {
  const { pathname, hash } = useLocation();
  const previous = useRef(pathname + hash);

  useEffect(() => {
    const place = pathname + hash;
    if (previous.current === place) return;
    previous.current = place;
    const section = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (section) {
      section.scrollIntoView();
      section.focus();
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById(PAGE_HEADING_ID)?.focus();
  }, [pathname, hash]);
}
