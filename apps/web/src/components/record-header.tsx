import type { ReactNode } from "react";
import { PageHeading } from "./page-heading";
import "./record-header.css";

export interface RecordFact {
  term: string;
  value: ReactNode;
  /** "risk": an open risk shown in red (and said in words by the value itself). */
  tone?: "risk" | undefined;
}

/**
 * The compact header of a record page (a course, a session): the name, then the few facts a
 * clinician needs at a glance in one wrapping row, and the page's secondary links. The page's one
 * next action sits below it (see NextAction).
 */
export function RecordHeader({
  title,
  documentTitle,
  subtitle,
  facts,
  actions,
  onRisk,
}: {
  title: string;
  /** The browser tab's title, when it should say more than the heading. */
  documentTitle?: string;
  subtitle?: ReactNode;
  facts: readonly RecordFact[];
  actions?: ReactNode;
  /** Shown under the facts when one of them is an open risk (e.g. the service's crisis steps). */
  onRisk?: ReactNode;
}) {
  const atRisk = facts.some((fact) => fact.tone === "risk");
  return (
    <header className="record-header">
      <div className="record-header__top">
        <div>
          <PageHeading title={documentTitle ?? title}>{title}</PageHeading>
          {subtitle ? <p className="record-header__subtitle">{subtitle}</p> : null}
        </div>
        {actions ? <div className="record-header__actions">{actions}</div> : null}
      </div>
      <dl className="record-header__facts">
        {facts.map((fact) => (
          <div
            key={fact.term}
            className={fact.tone === "risk" ? "record-fact record-fact--risk" : "record-fact"}
          >
            <dt>{fact.term}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {atRisk && onRisk ? <div className="record-header__risk">{onRisk}</div> : null}
    </header>
  );
}

/** The one next action of a record page: what to do now, and the button that does it. */
export function NextAction({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <section className="next-action" aria-label="Next step">
      <p className="next-action__label">
        <span className="next-action__kicker">Next</span> {label}
      </p>
      <div className="next-action__do">{children}</div>
    </section>
  );
}
