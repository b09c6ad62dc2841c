import { CopyOnceField } from "../../../components/copy-once-field";
import type { TemporaryPasswordResponse } from "@ipt/shared";
import { useEffect, useId, useRef } from "react";

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
  const headingId = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

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
      <CopyOnceField label="Temporary password" value={temporaryPassword} what="password" />
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
