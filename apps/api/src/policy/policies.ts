// The one place that says who may call what. Deny by default: a route must name a policy, a route
// that names none is refused at start-up, and a policy answers "allow" only for the cases it lists.
import type { Role } from "@ipt/shared";

export interface Principal {
  userId: string;
  role: Role;
  mustChangePassword: boolean;
  /** The password has passed, the second factor not yet (docs/decisions/021). */
  secondFactorPending: boolean;
  /** The sign-in settings require a factor of this user's role and they have none yet. */
  factorEnrolmentRequired: boolean;
}

export type PolicyDecision =
  | "allow"
  | "unauthenticated"
  | "second_factor_required"
  | "password_change_required"
  | "factor_enrolment_required"
  | "forbidden";

interface Policy {
  description: string;
  decide(principal: Principal | null): PolicyDecision;
}

const signedInWithRole =
  (...allowed: Role[]) =>
  (principal: Principal | null): PolicyDecision => {
    if (!principal) return "unauthenticated";
    if (principal.secondFactorPending) return "second_factor_required";
    if (principal.mustChangePassword) return "password_change_required";
    if (principal.factorEnrolmentRequired) return "factor_enrolment_required";
    return allowed.includes(principal.role) ? "allow" : "forbidden";
  };

export const policies = {
  /** Anyone, signed in or not: health checks, sign-in, the API docs and the web app's files. */
  public: { description: "Anyone", decide: () => "allow" },
  /** Any session, also one that has passed the password and waits for its second factor: reading
   * the session, signing out and the second-factor step itself. Nothing else is open to it. */
  signInStep: {
    description: "Any session, even one still waiting for its second factor",
    decide: (principal) => (principal ? "allow" : "unauthenticated"),
  },
  /** Any signed-in user past the second factor, including one who must still change a temporary
   * password or enrol a factor: their own account's password and factors. */
  session: {
    description: "Any signed-in user, even before changing a temporary password or enrolling a factor",
    decide: (principal) =>
      !principal ? "unauthenticated" : principal.secondFactorPending ? "second_factor_required" : "allow",
  },
  /** Any signed-in user who has set their own password. */
  signedIn: {
    description: "Any signed-in user",
    decide: signedInWithRole("therapist", "supervisor", "admin"),
  },
  /** Clinical records. The role is only the first gate: services also require that the therapist
   * owns the client, and answer 404 otherwise (see clinical/access.ts). */
  therapist: { description: "Therapists (own clients only)", decide: signedInWithRole("therapist") },
  /** Reading a client's measures and risk: the therapist, or a supervisor assigned to that therapist.
   * Services check the assignment on every request (clinical/access.ts readableClientWhere). */
  clinicalReader: {
    description: "The client's therapist, or a supervisor assigned to that therapist (read only)",
    decide: signedInWithRole("therapist", "supervisor"),
  },
  /** Fidelity ratings: the session's therapist rates themself, an assigned supervisor rates as
   * supervisor. A rating is the rater's own record, never clinical content. */
  fidelityRater: {
    description: "The session's therapist (self-rating) or a supervisor assigned to that therapist",
    decide: signedInWithRole("therapist", "supervisor"),
  },
  /** A supervisor's views across their supervisees' clients, and acknowledging a risk flag escalated to them. */
  supervisor: {
    description: "Supervisors (their supervisees' clients)",
    decide: signedInWithRole("supervisor"),
  },
  /** Account management and the audit log. Admins see no clinical content. */
  admin: { description: "Administrators", decide: signedInWithRole("admin") },
} satisfies Record<string, Policy>;

export type PolicyName = keyof typeof policies;

export function isPolicyName(value: unknown): value is PolicyName {
  return typeof value === "string" && Object.hasOwn(policies, value);
}

export function decide(policy: PolicyName, principal: Principal | null): PolicyDecision {
  return policies[policy].decide(principal);
}

/** Routes that plugins register (API docs, web app files) get their policy here, by prefix. */
export function policyForPluginRoute(url: string, docsPolicy: PolicyName = "public"): PolicyName | undefined {
  if (url === "/api/docs" || url.startsWith("/api/docs/")) return docsPolicy;
  if (!url.startsWith("/api")) return "public";
  return undefined;
}
