import type { SessionResponse } from "@ipt/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { sessionQueryOptions } from "../api/get-session";
import { passSecondFactorWithPasskey } from "../api/passkeys";
import { PasskeyButton } from "./passkey-button";
import { SecondFactorForm } from "./second-factor-form";

/**
 * Asks for the second factor again when a sensitive action was refused with step_up_required
 * (docs/decisions/021). Passing it gives the session a new id and CSRF token, stored here; the person
 * then does the action again (it is not repeated for them: they see what they are confirming).
 */
export function StepUpDialog({ subscribe }: { subscribe: (listener: () => void) => () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [passed, setPassed] = useState(false);

  useEffect(
    () =>
      subscribe(() => {
        setPassed(false);
        setOpen(true);
      }),
    [subscribe],
  );

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  function onPassed(session: SessionResponse) {
    queryClient.setQueryData(sessionQueryOptions().queryKey, session);
    setPassed(true);
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
      <h2 id={titleId}>Confirm it is you</h2>
      {passed ? (
        <>
          <p role="status">Checked. Now do what you were doing again.</p>
          <button type="button" className="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </>
      ) : (
        <>
          <p>This action needs a fresh check: a code from your authenticator app, or your passkey.</p>
          {open ? (
            <>
              <SecondFactorForm onPassed={onPassed} submitLabel="Confirm" />
              <PasskeyButton
                label="Confirm with a passkey"
                run={passSecondFactorWithPasskey}
                onDone={onPassed}
              />
            </>
          ) : null}
          <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </>
      )}
    </dialog>
  );
}
