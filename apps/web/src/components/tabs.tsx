import { NavLink } from "react-router";

export interface TabLink {
  label: string;
  href: string;
}

/**
 * The sections of a record page as links: each keeps its place in the URL (a reload or a shared
 * link opens the same section), and the current one is marked for screen readers.
 */
export function Tabs({ label, tabs }: { label: string; tabs: readonly TabLink[] }) {
  return (
    <nav className="tabs" aria-label={label}>
      <ul className="tabs__list">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <NavLink to={tab.href} end className="tabs__link">
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
