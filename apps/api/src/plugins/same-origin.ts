// Is a state-changing request from a page of another site? Browsers say so in two headers a page
// cannot forge: Sec-Fetch-Site, and Origin on every POST, PUT, PATCH and DELETE (same-origin too).
// The app's own origin is PUBLIC_ORIGIN when configured; otherwise the scheme and host the request was
// addressed to (the Host header, or X-Forwarded-Proto/-Host from a trusted proxy): the SPA is served by
// the API, or proxied by Vite without changing the host. Scheme, host and port must all match.
// A request with neither header is not from a browser; the CSRF token still guards its session.
import type { FastifyRequest } from "fastify";

const SAME_SITE_FETCH = new Set(["same-origin", "none"]);

/** Scheme, host and port, normalised (default ports dropped, host lower-cased). */
function originOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    // "null" (a sandboxed frame, a cross-site redirect) or garbage: not our origin.
    return null;
  }
}

export function fromAnotherSite(request: FastifyRequest, publicOrigin?: string): boolean {
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined && !SAME_SITE_FETCH.has(site)) return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const own = publicOrigin ?? originOf(`${request.protocol}://${request.host}`);
  return own === null || originOf(origin) !== own;
}
