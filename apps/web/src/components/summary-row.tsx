import type { ReactNode } from "react";

/** One term and its value in a `<dl className="summary">`. */
export function SummaryRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="summary__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
