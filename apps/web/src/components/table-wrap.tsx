import type { ReactNode } from "react";

/**
 * The scroll container of a wide table. On a narrow screen the table scrolls sideways, so the
 * container is a named region that keyboard users can focus and scroll (WCAG 2.1.1).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
