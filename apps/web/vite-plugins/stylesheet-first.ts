// Puts each built HTML page's stylesheets before its scripts. Vite writes the scripts and module
// preloads first; a browser asks for them in that order, so over HTTP/1.1 (six connections) the
// stylesheet, the only file the first paint waits for, queued behind a dozen scripts, and the page's
// loading state was painted only once they had come and run (docs/benchmarks.md, "Page weight and
// Lighthouse"). A stylesheet first is painted from as soon as it is in; the scripts run as before
// (module scripts never block the parser or the paint).
import type { Plugin } from "vite";

const STYLESHEET = /[ \t]*<link rel="stylesheet"[^>]*>\n?/g;
const FIRST_SCRIPT = /[ \t]*<(?:script type="module"|link rel="modulepreload")/;

export function moveStylesheetsFirst(html: string): string {
  const stylesheets = html.match(STYLESHEET);
  const firstScript = FIRST_SCRIPT.exec(html);
  if (!stylesheets || !firstScript) return html;
  const rest = html.replace(STYLESHEET, "");
  const at = FIRST_SCRIPT.exec(rest)?.index ?? firstScript.index;
  const block = stylesheets.map((tag) => `${tag.trimEnd()}\n`).join("");
  return `${rest.slice(0, at)}${block}${rest.slice(at)}`;
}

export function stylesheetFirst(): Plugin {
  return {
    name: "ipt:stylesheet-first",
    apply: "build",
    transformIndexHtml: { order: "post", handler: moveStylesheetsFirst },
  };
}
