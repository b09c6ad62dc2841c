import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { pageCount } from "../lib/format";

export function Pagination({
  page,
  pageSize,
  total,
  hrefForPage,
  label = "Pages",
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefForPage: (page: number) => string;
  label?: string;
}) {
  const pages = pageCount(total, pageSize);
  const currentRef = useRef<HTMLLIElement>(null);
  const previousPage = useRef(page);

  // "Previous" disappears on the first page and "Next" on the last: if the link just used has
  // gone, keep keyboard focus here instead of letting it fall back to the top of the document.
  useEffect(() => {
    if (previousPage.current === page) return;
    previousPage.current = page;
    const active = document.activeElement;
    if (!active || active === document.body) currentRef.current?.focus();
  }, [page]);

  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <ul className="pagination__list">
        <li>
          {page > 1 ? (
            <Link to={hrefForPage(page - 1)} rel="prev" className="pagination__link">
              Previous<span className="visually-hidden"> page</span>
            </Link>
          ) : null}
        </li>
        <li ref={currentRef} className="pagination__current" aria-current="page" tabIndex={-1}>
          Page {page} of {pages}
        </li>
        <li>
          {page < pages ? (
            <Link to={hrefForPage(page + 1)} rel="next" className="pagination__link">
              Next<span className="visually-hidden"> page</span>
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}
