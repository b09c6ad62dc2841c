const BASE = "https://ipt-session-planner.invalid";
const LOGIN = "/login";

/**
 * Returns `raw` only if it is a same-site relative path (one leading "/", no scheme, no host, no
 * backslashes or control characters), otherwise null. Used for `/login?next=…` so a crafted link
 * cannot send someone to another site after they sign in.
 */
export function safeNextPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2048) return null;
  if (!raw.startsWith("/") || raw.startsWith("//")) return null;
  // Browsers treat "\" like "/" and drop tabs and newlines, so "/\evil.example" or "/\t/evil.example"
  // would become protocol-relative URLs.
  if (raw.includes("\\") || hasControlCharacter(raw)) return null;

  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;

  // Returning to the sign-in page after signing in would be a loop.
  if (url.pathname === LOGIN || url.pathname.startsWith(`${LOGIN}/`)) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a protocol-relative path ("/..//evil.example" → "//evil.example").
  return path.startsWith("//") ? null : path;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
