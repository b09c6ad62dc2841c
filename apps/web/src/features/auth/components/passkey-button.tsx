import type { SessionResponse } from "@ipt/shared";
import { useState } from "react";
import { FormAlert } from "../../../components/form-fields";
import { isApiError } from "../../../lib/api-client";
import { passkeyProblem } from "../api/passkeys";

/**
 * One button that runs a passkey ceremony (sign in, second step or step-up check) and hands the new
 * session on; a refusal or a cancelled prompt is said in an alert above it.
 */
export function PasskeyButton({
  label,
  pendingLabel = "Waiting for your passkey…",
  run,
  onDone,
  secondary = true,
}: {
  label: string;
  pendingLabel?: string;
  run: () => Promise<SessionResponse>;
  onDone: (session: SessionResponse) => void;
  secondary?: boolean;
}) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function start() {
    if (pending) return;
    setPending(true);
    setProblem(null);
    let session: SessionResponse;
    try {
      session = await run();
    } catch (error) {
      setProblem(
        passkeyProblem(error) ??
          (isApiError(error) ? error.message : "The passkey could not be used. Try again."),
      );
      setPending(false);
      return;
    }
    setPending(false);
    onDone(session);
  }

  return (
    <div className="stack">
      <FormAlert message={problem} />
      <button
        type="button"
        className={secondary ? "button button--secondary" : "button"}
        aria-disabled={pending || undefined}
        onClick={() => void start()}
      >
        {pending ? pendingLabel : label}
      </button>
    </div>
  );
}
