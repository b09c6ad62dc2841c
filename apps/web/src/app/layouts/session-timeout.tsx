import type { SessionResponse } from "@ipt/shared";
import { useEffect, useState } from "react";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { getLastApiResponseAt } from "../../lib/api-client";
import type { SessionGuard } from "../session-guard";

const CHECK_EVERY_MS = 15_000;
const WARN_BEFORE_MS = 2 * 60_000;
/** Allow for clock drift between this tab and the server before asking whether the session ended. */
const GRACE_MS = 5_000;

/**
 * Where the session stands `now`, given the last answer from the server: "ended" once a limit has
 * passed, "warn" within two minutes of the idle limit, else "active". No warning when the absolute
 * limit comes first: staying signed in cannot extend it.
 */
export function sessionTimeoutState(
  session: Pick<SessionResponse, "idleTimeoutSeconds" | "absoluteExpiresAt">,
  lastApiResponseAt: number,
  now: number,
): "active" | "warn" | "ended" {
  const absoluteEnd = Date.parse(session.absoluteExpiresAt);
  const idleEnd = lastApiResponseAt + session.idleTimeoutSeconds * 1000;
  if (now >= absoluteEnd || now >= idleEnd + GRACE_MS) return "ended";
  return idleEnd - now <= WARN_BEFORE_MS && idleEnd < absoluteEnd ? "warn" : "active";
}

/**
 * The server ends a session after `idleTimeoutSeconds` without requests and at
 * `absoluteExpiresAt`. Warn two minutes before the idle limit (with a way to stay signed in, as
 * WCAG 2.2.1 asks), and when a limit has passed, confirm with the server and leave the page so
 * client information does not stay on an unattended screen.
 */
export function SessionTimeout({
  session,
  guard,
  onSignOut,
}: {
  session: SessionResponse;
  guard: SessionGuard;
  onSignOut: () => void;
}) {
  const [warning, setWarning] = useState(false);
  const [extending, setExtending] = useState(false);

  useEffect(() => {
    const check = () => {
      const state = sessionTimeoutState(session, getLastApiResponseAt(), Date.now());
      setWarning(state === "warn");
      if (state === "ended") void guard.verifySession();
    };
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [session, guard]);

  async function staySignedIn() {
    setExtending(true);
    try {
      await guard.verifySession(); // any request to the server counts as activity
    } finally {
      setExtending(false);
      setWarning(false);
    }
  }

  return (
    <ConfirmDialog
      open={warning}
      title="You will be signed out soon"
      confirmLabel="Stay signed in"
      pendingLabel="Staying signed in…"
      cancelLabel="Sign out now"
      initialFocus="confirm"
      pending={extending}
      onConfirm={() => void staySignedIn()}
      onDismiss={() => void staySignedIn()}
      onCancel={() => {
        setWarning(false);
        onSignOut();
      }}
    >
      <p>
        To protect client information, you are signed out after {Math.round(session.idleTimeoutSeconds / 60)}{" "}
        minutes without activity. This will happen in about two minutes.
      </p>
    </ConfirmDialog>
  );
}
