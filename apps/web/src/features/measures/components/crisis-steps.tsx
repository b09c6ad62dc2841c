import { useState } from "react";
import { useCrisisSteps } from "../api/get-crisis-steps";

/**
 * The service's emergency and crisis steps, one click away on any red risk flag: a disclosure that
 * reads the organisation's text when first opened (the same text the client's crisis page shows).
 * In a list, `subject` (the client's name) tells each row's disclosure apart for a screen reader.
 */
export function CrisisSteps({ subject }: { subject?: string }) {
  const [open, setOpen] = useState(false);
  const steps = useCrisisSteps(open);
  return (
    <details className="crisis-steps" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Crisis steps{subject ? <span className="visually-hidden"> for {subject}</span> : null}
      </summary>
      {steps.isPending ? (
        <p className="muted">Loading the service’s crisis steps…</p>
      ) : steps.isError ? (
        <p role="alert">The crisis steps could not be loaded. Follow your service’s emergency procedure.</p>
      ) : (
        <div className="crisis-steps__text">
          {steps.data.crisisSteps.split(/\n+/).map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>
      )}
    </details>
  );
}
