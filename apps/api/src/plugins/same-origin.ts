// Is a state-changing request from a page of another site? Browsers say so in two headers a page
// cannot forge: Sec-Fetch-Site, and Origin on every POST, PUT, PATCH and DELETE (same-origin too).
// The app's own origin is the host the request was addressed to (the Host header, or X-Forwarded-Host
// from a trusted proxy): the SPA is served by the API, or proxied by Vite without changing the host.
// A request with neither header is not from a browser; the CSRF token still guards its session.
import type { FastifyRequest } from "fastify";

const SAME_SITE_FETCH = new Set(["same-origin", "none"]);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    // "null" (a sandboxed frame, a cross-site redirect) or garbage: not our origin.
    return null;
  }
}

export function fromAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined && !SAME_SITE_FETCH.has(site)) return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const ownHost = hostOf(`${request.protocol}://${request.host}`);
  return ownHost === null || hostOf(origin) !== ownHost;
}
