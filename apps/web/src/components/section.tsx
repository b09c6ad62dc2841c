import type { ReactNode } from "react";
import { SourcesScope } from "./clinical/source-tags";

/**
 * A page section named by its h2, its sources listed once at its end. `focusable` lets the heading
 * take focus (e.g. after a link in the page moves to it).
 */
export function Section({
  id,
  title,
  focusable = false,
  children,
}: {
  id: string;
  title: string;
  focusable?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id} className="section__title" tabIndex={focusable ? -1 : undefined}>
        {title}
      </h2>
      <SourcesScope>{children}</SourcesScope>
    </section>
  );
}
