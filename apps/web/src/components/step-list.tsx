import { Link } from "react-router";

export interface Step {
  label: string;
  /** Null when the step cannot be opened yet. */
  href: string | null;
  status: "done" | "current" | "upcoming";
}

const statusText: Record<Step["status"], string> = {
  done: "Done",
  current: "Current step",
  upcoming: "Not started",
};

/** An ordered list of steps; the current one is marked with aria-current="step" and in words. */
export function StepList({ label, steps }: { label: string; steps: Step[] }) {
  return (
    <nav className="steps" aria-label={label}>
      <ol className="steps__list">
        {steps.map((step, index) => (
          <li
            key={step.label}
            className={`steps__item steps__item--${step.status}`}
            aria-current={step.status === "current" ? "step" : undefined}
          >
            <span className="steps__number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="steps__text">
              {step.href && step.status !== "current" ? (
                <Link to={step.href}>{step.label}</Link>
              ) : (
                <span className="steps__label">{step.label}</span>
              )}
              <span className="steps__status">{statusText[step.status]}</span>
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
