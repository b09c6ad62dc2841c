import { Link } from "react-router";

export interface Crumb {
  label: string;
  /** Leave out for the current page (the last crumb). */
  href?: string;
}

/** Where this page sits: Caseload › client course › session. The last crumb is this page. */
export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol className="breadcrumbs__list">
        {crumbs.map((crumb) => (
          <li key={crumb.label} className="breadcrumbs__item">
            {crumb.href ? (
              <Link to={crumb.href}>{crumb.label}</Link>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
