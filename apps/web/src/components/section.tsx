import type { ReactNode } from "react";

/**
 * A page section named by its h2. `focusable` lets the heading take focus (e.g. after a link in
 * the page moves to it).
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
      {children}
    </section>
  );
}
