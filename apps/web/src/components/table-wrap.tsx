import type { ReactNode } from "react";

/**
 * The scroll container of a wide table. On a narrow screen the table scrolls sideways, so the
 * container is a named region that keyboard users can focus and scroll (WCAG 2.1.1).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll container must be focusable to scroll by keyboard (axe scrollable-region-focusable)
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
