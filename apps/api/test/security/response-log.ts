// What the authorization matrix's walk records of every answer, for its checks that no response gives
// away what its caller may not have (authorization-matrix.int.test.ts, "no leaks in responses"): each
// answer with its caller and session, and every session token and CSRF token the walk has known, so
// that the checks can read all answers together once the walk is done.
import type { LightMyRequestResponse } from "fastify";
import { tokenOf } from "../helpers/api";
import type { SignedIn } from "../helpers/app";
import { SESSION_COOKIE } from "../../src/plugins/auth";
import type { ActorName, World } from "./world";

export interface Seen {
  label: string;
  actor: ActorName;
  url: string;
  /** The session the request was sent with (null for none). */
  session: SignedIn | null;
  response: LightMyRequestResponse;
  /** Session tokens this response's Set-Cookie issued. */
  issued: string[];
}

function setCookieTokens(response: LightMyRequestResponse): string[] {
  const header = response.headers["set-cookie"];
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  return cookies
    .filter((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
    .map((cookie) => tokenOf(cookie.split(";")[0]!))
    .filter((token) => token !== "");
}

export class ResponseLog {
  readonly seen: Seen[] = [];
  /** Every session token the walk has known, in the order it learned them. */
  readonly knownTokens = new Set<string>();
  readonly knownCsrf = new Set<string>();
  /** Set-Cookie tokens that were already known when a response set them (a fixation or a leak). */
  readonly reissued: string[] = [];

  /** Remembers a session's token and CSRF token (a session the walk made or was given). */
  learn(session: SignedIn | null) {
    if (!session) return;
    this.knownTokens.add(tokenOf(session.cookie));
    this.knownCsrf.add(session.csrfToken);
  }

  /** Records an answer, and the session tokens its Set-Cookie issued. */
  record(
    label: string,
    actor: ActorName,
    url: string,
    session: SignedIn | null,
    response: LightMyRequestResponse,
  ) {
    const issued = setCookieTokens(response);
    for (const token of issued) {
      if (this.knownTokens.has(token)) this.reissued.push(`${label}: ${token.slice(0, 6)}…`);
      this.knownTokens.add(token);
    }
    if (issued.length > 0) this.knownCsrf.add(response.json<{ csrfToken: string }>().csrfToken);
    this.seen.push({ label, actor, url, session, response, issued });
  }

  /** Every failure of one check over the recorded answers, as readable lines (empty when none). */
  failures(check: (seen: Seen, text: string) => string[]): string[] {
    return this.seen.flatMap((entry) =>
      check(entry, visibleText(entry)).map((what) => `${entry.label}: ${what}`),
    );
  }
}

/** The text of an answer a reader could see: its body and every header but Set-Cookie. */
function visibleText({ response }: Seen): string {
  const { "set-cookie": _setCookie, ...headers } = response.headers;
  return `${response.body}\n${JSON.stringify(headers)}`;
}

/** The list endpoints with filters, a search for the other tenant's records among them. */
export function listProbes({ owner, other }: World): [Exclude<ActorName, "anonymous">, string][] {
  return [
    ["owner", `/api/clients?q=${encodeURIComponent(other.secrets.clientName)}`],
    ["owner", "/api/clients?q=Zephyrine&pageSize=100"],
    ["owner", "/api/clients?status=active&phase=middle&flagged=true"],
    ["otherTherapist", `/api/clients?q=${encodeURIComponent(owner.secrets.clientName)}`],
    ["owner", `/api/courses/${other.courseId}/review-threads?status=open`],
    ["owner", `/api/courses/${owner.courseId}/review-threads?status=open&target=plan`],
    ["ownerSupervisor", `/api/courses/${owner.courseId}/review-threads?status=resolved`],
    ["ownerSupervisor", `/api/supervision/cockpit?therapistId=${other.therapist.id}`],
    ["ownerSupervisor", "/api/supervision/cockpit?flag=risk&pageSize=100"],
    ["ownerSupervisor", "/api/supervision/cockpit?phase=middle&flag=overdue"],
    ["otherSupervisor", `/api/supervision/cockpit?therapistId=${owner.therapist.id}`],
    ["otherSupervisor", "/api/supervision/risk-flags"],
    ["admin", `/api/admin/users?q=${encodeURIComponent(owner.therapist.email)}&role=therapist&active=true`],
    ["admin", "/api/admin/users?active=false&pageSize=100"],
    ["admin", `/api/admin/audit-events?actorId=${owner.therapist.id}&pageSize=100`],
    ["admin", "/api/admin/audit-events?action=auth.login&from=2000-01-01&pageSize=100"],
  ];
}

/** Field names that would carry a secret in a JSON answer. */
export const SECRET_FIELD_NAMES = new Set([
  "passwordHash",
  "password_hash",
  "tokenHash",
  "token_hash",
  "failedLoginCount",
  "password",
  "currentPassword",
  "newPassword",
  // A TOTP secret is answered once, by the enrolment's start, as `secret`; never its sealed form,
  // and never a recovery code's hash.
  "secretSealed",
  "secret_sealed",
  "codeHash",
  "code_hash",
]);

/** Every field name in a JSON value, nested and in arrays included. */
export const fieldNamesIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(fieldNamesIn)
    : value && typeof value === "object"
      ? Object.entries(value).flatMap(([name, inner]) => [name, ...fieldNamesIn(inner)])
      : [];
