// Accounts for specs that start after onboarding: the admin creates the account through the API,
// and the new user sets their own password, exactly as the admin-onboards-therapist spec does by hand.
import { endpointPath, endpoints } from "@ipt/shared";
import { request } from "@playwright/test";

export interface Account {
  email: string;
  name: string;
  password: string;
}

async function signedInContext(baseURL: string, account: { email: string; password: string }) {
  const context = await request.newContext({ baseURL });
  // Only the credentials: sign-in refuses unknown keys.
  const { email, password } = account;
  const response = await context.post(endpointPath(endpoints.auth.login), { data: { email, password } });
  if (!response.ok()) throw new Error(`sign-in as ${account.email} failed: ${response.status()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { context, headers: { "x-csrf-token": csrfToken } };
}

type SignedInContext = Awaited<ReturnType<typeof signedInContext>>;

/** Saves which roles must enrol a second factor, as the admin does in the organisation settings. */
async function saveSecondFactorRoles(asAdmin: SignedInContext, change: (current: string[]) => string[]) {
  const read = await asAdmin.context.get(endpointPath(endpoints.settings.signIn));
  if (!read.ok()) throw new Error(`reading the sign-in settings failed: ${read.status()}`);
  const current = (await read.json()) as {
    settings: { mfaRequiredRoles: string[]; stepUpMinutes: number };
    version: number;
  };
  const saved = await asAdmin.context.put(endpointPath(endpoints.settings.updateSignIn), {
    data: {
      settings: { ...current.settings, mfaRequiredRoles: change(current.settings.mfaRequiredRoles) },
      version: current.version,
    },
    headers: asAdmin.headers,
  });
  if (!saved.ok()) throw new Error(`saving the sign-in settings failed: ${saved.status()}`);
  return current.settings.mfaRequiredRoles;
}

/** Saves the roles that must enrol a second factor, as an admin does in the organisation settings. */
export async function storeSecondFactorRoles(baseURL: string, admin: Account, roles: string[]) {
  const asAdmin = await signedInContext(baseURL, admin);
  await saveSecondFactorRoles(asAdmin, () => roles);
  await asAdmin.context.dispose();
}

/**
 * Creates an account with `role` and returns it ready to sign in with its own password. The admin
 * is shown a temporary password only while the role must enrol a second factor (docs/decisions/025),
 * so, as an admin of a deployment that requires none could, the helper requires one of the role for
 * the creation and then saves the earlier setting again (both changes audited): the specs sign in
 * with a password alone unless they are about second factors.
 */
export async function createReadyAccount(
  baseURL: string,
  admin: Account,
  account: { name: string; email: string; role: "therapist" | "supervisor" },
): Promise<Account> {
  const asAdmin = await signedInContext(baseURL, admin);
  const before = await saveSecondFactorRoles(asAdmin, (current) => [...new Set([...current, account.role])]);
  const created = await asAdmin.context.post(endpointPath(endpoints.users.create), {
    data: account,
    headers: asAdmin.headers,
  });
  await saveSecondFactorRoles(asAdmin, () => before);
  if (created.status() !== 201) throw new Error(`creating ${account.email} failed: ${created.status()}`);
  const { temporaryPassword } = (await created.json()) as { temporaryPassword: string };
  await asAdmin.context.dispose();

  const password = `${account.role}-password-e2e-1`;
  const asUser = await signedInContext(baseURL, { email: account.email, password: temporaryPassword });
  const changed = await asUser.context.post(endpointPath(endpoints.auth.changePassword), {
    data: { currentPassword: temporaryPassword, newPassword: password },
    headers: asUser.headers,
  });
  if (!changed.ok()) throw new Error(`password change for ${account.email} failed: ${changed.status()}`);
  await asUser.context.dispose();
  return { email: account.email, name: account.name, password };
}

/** Links or unlinks `supervisor` and `therapist` through the admin API, as on the account page. */
async function changeSupervision(
  change: "assign" | "remove",
  baseURL: string,
  admin: Account,
  therapist: Account,
  supervisor: Account,
) {
  const asAdmin = await signedInContext(baseURL, admin);
  const idOf = async (email: string) => {
    const found = await asAdmin.context.get(endpointPath(endpoints.users.list, {}, { q: email }));
    const { items } = (await found.json()) as { items: { id: string; email: string }[] };
    const user = items.find((item) => item.email === email);
    if (!user) throw new Error(`no account ${email}`);
    return user.id;
  };
  const [therapistId, supervisorId] = [await idOf(therapist.email), await idOf(supervisor.email)];
  const params = { userId: therapistId, supervisorId };
  const answer =
    change === "assign"
      ? await asAdmin.context.put(endpointPath(endpoints.users.assignSupervisor, params), {
          headers: asAdmin.headers,
        })
      : await asAdmin.context.delete(endpointPath(endpoints.users.removeSupervisor, params), {
          headers: asAdmin.headers,
        });
  if (!answer.ok()) throw new Error(`${change} the supervisor failed: ${answer.status()}`);
  await asAdmin.context.dispose();
}

/** Assigns `supervisor` to supervise `therapist`, as an admin does on the account page. */
export const assignSupervisor = (baseURL: string, admin: Account, therapist: Account, supervisor: Account) =>
  changeSupervision("assign", baseURL, admin, therapist, supervisor);

/** Removes `supervisor` from `therapist`'s supervisors, as an admin does on the account page. */
export const removeSupervisor = (baseURL: string, admin: Account, therapist: Account, supervisor: Account) =>
  changeSupervision("remove", baseURL, admin, therapist, supervisor);
