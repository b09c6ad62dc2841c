import type { TemporaryPasswordResponse } from "@ipt/shared";
import { useEffect, useId, useRef, useState } from "react";

type CopyState = "idle" | "copied" | "failed";

/**
 * Shows a temporary password exactly once, right after an account was created or its password
 * reset. The server keeps only a hash, so this is the admin's only chance to pass it on.
 */
export function TemporaryPasswordNotice({
  result,
  reason,
  headingLevel = 2,
  onDone,
}: {
  result: TemporaryPasswordResponse;
  reason: "created" | "reset";
  headingLevel?: 2 | 3;
  onDone: () => void;
}) {
  const { user, temporaryPassword } = result;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>("idle");
  const headingId = useId();
  const inputId = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(temporaryPassword);
      setCopyState("copied");
    } catch {
      inputRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <section className="notice notice--important temp-password" aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1} className="temp-password__title">
        Temporary password for {user.name}
      </Heading>
      <p>
        {reason === "created"
          ? `The account for ${user.name} (${user.email}) has been created.`
          : `The password for ${user.name} (${user.email}) has been reset. Their previous password no longer works.`}
      </p>
      <div className="temp-password__row">
        <label className="field__label" htmlFor={inputId}>
          Temporary password
        </label>
        <div className="temp-password__value">
          <input
            ref={inputRef}
            id={inputId}
            className="input input--mono"
            readOnly
            value={temporaryPassword}
            autoComplete="off"
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="button button--secondary" onClick={() => void copy()}>
            Copy password
          </button>
        </div>
        <p role="status" className="temp-password__copy-status">
          {copyState === "copied" ? "Password copied to the clipboard." : null}
          {copyState === "failed"
            ? "Could not copy automatically. The password is selected: press Ctrl+C (or Cmd+C on a Mac) to copy it."
            : null}
        </p>
      </div>
      <p>
        <strong>This password is shown only once.</strong> It cannot be looked up later. If it is lost, reset
        the password again.
      </p>
      <p>
        Give it to {user.name} securely: in person or by phone, not by email or chat. They will be asked to
        choose their own password when they first sign in.
      </p>
      <button type="button" className="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
