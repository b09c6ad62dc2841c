import { useNavigate } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { homePathForRole } from "../../config/paths";
import { useSession } from "../../features/auth/api/get-session";
import { ChangePasswordForm } from "../../features/auth/components/change-password-form";
import type { FlashState } from "../layouts/app-shell";

export function ChangePasswordRoute() {
  const { data: session } = useSession();
  const navigate = useNavigate();
  const forced = session?.user.mustChangePassword ?? false;

  return (
    <div className="page page--narrow">
      <PageHeading>{forced ? "Choose a new password" : "Change password"}</PageHeading>
      {forced ? (
        <div className="notice notice--info">
          <p>
            You signed in with a temporary password set by an administrator. Choose your own password before
            you continue, so that only you know it.
          </p>
        </div>
      ) : null}
      <ChangePasswordForm
        onChanged={(updated) => {
          const state: FlashState = { flash: "Your password has been changed." };
          void navigate(homePathForRole(updated.user.role), { replace: true, state });
        }}
      />
    </div>
  );
}
