import type { AdminUser, TemporaryPasswordResponse } from "@ipt/shared";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { SuccessMessage } from "../../../components/states";
import { useDeactivateUser } from "../api/deactivate-user";
import { useEndSessions } from "../api/end-sessions";
import { useReactivateUser } from "../api/reactivate-user";
import { useResetFactors } from "../api/reset-factors";
import { useResetPassword } from "../api/reset-password";
import { useUnlockSignIn } from "../api/unlock-sign-in";
import { isSignInSlowed } from "./account-status";
import { TemporaryPasswordNotice } from "./temporary-password-notice";

type Pending = "deactivate" | "reactivate" | "reset" | "reset-factors" | "end-sessions" | null;

function errorMessage(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

export function sessionsEndedMessage(count: number): string {
  if (count === 0) return "There were no open sessions to end.";
  return count === 1 ? "1 session has been ended." : `${count} sessions have been ended.`;
}

/**
 * Deactivate / reactivate, password reset and ending every session, each behind a confirmation; and,
 * while sign-in is slowed after failed attempts, lifting that (no confirmation: it takes nothing away).
 */
export function AccountAccess({ user }: { user: AdminUser }) {
  const deactivate = useDeactivateUser();
  const reactivate = useReactivateUser();
  const resetPassword = useResetPassword();
  const endSessions = useEndSessions();
  const unlock = useUnlockSignIn();
  const resetFactors = useResetFactors();
  const [confirming, setConfirming] = useState<Pending>(null);
  const [done, setDone] = useState<string | null>(null);
  const [temporary, setTemporary] = useState<TemporaryPasswordResponse | null>(null);

  function open(action: Exclude<Pending, null>) {
    deactivate.reset();
    reactivate.reset();
    resetPassword.reset();
    endSessions.reset();
    unlock.reset();
    resetFactors.reset();
    setDone(null);
    setConfirming(action);
  }

  const close = () => setConfirming(null);

  return (
    <div className="stack">
      {done ? <SuccessMessage focusOnMount>{done}</SuccessMessage> : null}
      {temporary ? (
        <TemporaryPasswordNotice
          result={temporary}
          reason="reset"
          headingLevel={3}
          onDone={() => setTemporary(null)}
        />
      ) : null}

      {user.active && isSignInSlowed(user) ? (
        <div className="action-block">
          <p>
            Sign-in for {user.name} is slowed after several failed attempts. If you know the attempts were not
            theirs or they are with you now, let them sign in at once. Their other browsers are not slowed.
          </p>
          {unlock.error ? <p role="alert">{errorMessage(unlock.error)}</p> : null}
          <button
            type="button"
            className="button"
            disabled={unlock.isPending}
            onClick={() => {
              setDone(null);
              unlock.mutate(user.id, {
                onSuccess: () => setDone("Sign-in is no longer slowed for this account."),
              });
            }}
          >
            {unlock.isPending ? "Lifting…" : "Let them sign in now"}
          </button>
        </div>
      ) : null}

      <div className="action-block">
        {user.active ? (
          <>
            <p>
              Deactivating ends {user.name}’s sessions and stops them signing in. Their records and audit
              history are kept, and the account can be reactivated later.
            </p>
            <button type="button" className="button button--danger" onClick={() => open("deactivate")}>
              Deactivate account
            </button>
          </>
        ) : (
          <>
            <p>This account is deactivated. Reactivating lets {user.name} sign in again.</p>
            <button type="button" className="button" onClick={() => open("reactivate")}>
              Reactivate account
            </button>
          </>
        )}
      </div>

      <div className="action-block">
        <p>
          Resetting creates a new temporary password, shown to you once. The current password stops working
          and {user.name} must choose a new one at their next sign-in. It is shown only where the password
          alone cannot sign in: {user.name} has a second factor, or their role must set one up.
        </p>
        <button type="button" className="button button--secondary" onClick={() => open("reset")}>
          Reset password
        </button>
      </div>

      {user.secondFactor ? (
        <div className="action-block">
          <p>
            Resetting sign-in factors removes {user.name}’s authenticator app and recovery codes, for example
            after a lost phone, and signs them out. They are told at their next sign-in and set the app up
            again.
          </p>
          <button type="button" className="button button--secondary" onClick={() => open("reset-factors")}>
            Reset sign-in factors
          </button>
        </div>
      ) : null}

      <div className="action-block">
        <p>
          Ending all sessions signs {user.name} out on every device at once, for example after a lost laptop.
          The account stays active and they can sign in again.
        </p>
        <button type="button" className="button button--secondary" onClick={() => open("end-sessions")}>
          End all sessions
        </button>
      </div>

      <ConfirmDialog
        open={confirming === "deactivate"}
        title={`Deactivate the account for ${user.name}?`}
        confirmLabel="Deactivate account"
        pendingLabel="Deactivating…"
        tone="danger"
        pending={deactivate.isPending}
        error={errorMessage(deactivate.error)}
        onCancel={close}
        onConfirm={() =>
          deactivate.mutate(user.id, {
            onSuccess: () => {
              close();
              setDone("The account has been deactivated.");
            },
          })
        }
      >
        <p>
          {user.name} ({user.email}) will be signed out and will not be able to sign in until the account is
          reactivated.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={confirming === "reactivate"}
        title={`Reactivate the account for ${user.name}?`}
        confirmLabel="Reactivate account"
        pendingLabel="Reactivating…"
        pending={reactivate.isPending}
        error={errorMessage(reactivate.error)}
        onCancel={close}
        onConfirm={() =>
          reactivate.mutate(user.id, {
            onSuccess: () => {
              close();
              setDone("The account has been reactivated.");
            },
          })
        }
      >
        <p>
          {user.name} ({user.email}) will be able to sign in again.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={confirming === "reset"}
        title={`Reset the password for ${user.name}?`}
        confirmLabel="Reset password"
        pendingLabel="Resetting…"
        tone="danger"
        pending={resetPassword.isPending}
        error={errorMessage(resetPassword.error)}
        onCancel={close}
        onConfirm={() =>
          resetPassword.mutate(user.id, {
            onSuccess: (result) => {
              close();
              setTemporary(result);
            },
          })
        }
      >
        <p>
          A new temporary password will be created and shown to you once. The current password will stop
          working.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={confirming === "reset-factors"}
        title={`Reset the sign-in factors of ${user.name}?`}
        confirmLabel="Reset sign-in factors"
        pendingLabel="Resetting…"
        tone="danger"
        pending={resetFactors.isPending}
        error={errorMessage(resetFactors.error)}
        onCancel={close}
        onConfirm={() =>
          resetFactors.mutate(user.id, {
            onSuccess: () => {
              close();
              setDone(
                "The sign-in factors have been reset. They will set up their app again at their next sign-in.",
              );
            },
          })
        }
      >
        <p>
          {user.name} ({user.email}) will be signed out. Their authenticator app and recovery codes will stop
          working.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={confirming === "end-sessions"}
        title={`End all sessions of ${user.name}?`}
        confirmLabel="End all sessions"
        pendingLabel="Ending sessions…"
        tone="danger"
        pending={endSessions.isPending}
        error={errorMessage(endSessions.error)}
        onCancel={close}
        onConfirm={() =>
          endSessions.mutate(user.id, {
            onSuccess: ({ endedSessions }) => {
              close();
              setDone(sessionsEndedMessage(endedSessions));
            },
          })
        }
      >
        <p>
          {user.name} ({user.email}) will be signed out everywhere and must sign in again. Unsaved work in
          their open pages is lost.
        </p>
      </ConfirmDialog>
    </div>
  );
}
