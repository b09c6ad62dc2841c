// Writes the early-requests script (src/lib/early-requests.ts) into the build and loads it first from
// the app's index.html: an async script of a few hundred bytes that, on the pages of
// src/app/early-requests-table.ts, asks for the session and the page's data and preloads the page's
// own code while the app's scripts are still on their way, instead of after they have all come and
// run (docs/benchmarks.md, "Page data with the HTML").
//
// The table goes into index.html as a JSON data block (not run, so the CSP's `script-src 'self'` is
// kept), with each page's route modules replaced by the files the build made of them; the script is
// a file of its own, the same for every build of the same table code.
import { createHash } from "node:crypto";
import path from "node:path";
import type { Plugin, Rollup } from "vite";
import { earlyRequestTable } from "../src/app/early-requests-table";
import { EARLY_REQUESTS_KEY, startEarlyRequests, type EarlyRequestTable } from "../src/lib/early-requests";

const DATA_ID = "ipt-early-requests";

/** The script's text: the function's own source, called with the table from the data block. */
export function earlyRequestsScript(): string {
  const table = `JSON.parse(document.getElementById(${JSON.stringify(DATA_ID)}).textContent)`;
  return `(${startEarlyRequests.toString()})(${table}, ${JSON.stringify(EARLY_REQUESTS_KEY)});\n`;
}

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

const isChunk = (output: OutputBundle[string] | undefined): output is OutputChunk => output?.type === "chunk";

/** A chunk's file and those it imports statically, transitively. */
function withStaticImports(bundle: OutputBundle, fileName: string, into = new Set<string>()): Set<string> {
  if (into.has(fileName)) return into;
  into.add(fileName);
  const chunk = bundle[fileName];
  if (isChunk(chunk)) for (const imported of chunk.imports) withStaticImports(bundle, imported, into);
  return into;
}

/** The stylesheets the chunks of `files` import. */
function stylesheetsOf(bundle: OutputBundle, files: Iterable<string>): Set<string> {
  const styles = new Set<string>();
  for (const file of files) {
    const chunk = bundle[file];
    if (isChunk(chunk)) for (const style of chunk.viteMetadata?.importedCss ?? []) styles.add(style);
  }
  return styles;
}

/**
 * The table with each page's route modules as the files to preload: the modules' chunks, what they
 * import and their stylesheets, less what the HTML page loads anyway. A module that is not a lazily
 * loaded chunk of this build fails the build (the table has drifted from the router).
 */
export function resolvePreloads(
  table: EarlyRequestTable,
  bundle: OutputBundle,
  entry: OutputChunk,
  root: string,
): EarlyRequestTable {
  const loaded = withStaticImports(bundle, entry.fileName);
  const loadedStyles = stylesheetsOf(bundle, loaded);
  const chunks = Object.values(bundle).filter(isChunk);
  return {
    ...table,
    pages: table.pages.map(({ modules, ...page }) => {
      if (!modules) return page;
      const files = new Set<string>();
      for (const module of modules) {
        const id = path.resolve(root, module);
        // The module's own chunk, or the small facade the bundler made for a lazily loaded module
        // that lives in a shared chunk (which the facade imports).
        const chunk =
          chunks.find((candidate) => candidate.facadeModuleId === id) ??
          chunks.find((candidate) => candidate.moduleIds.includes(id));
        if (!chunk || loaded.has(chunk.fileName)) {
          throw new Error(`early-requests: ${module} (for ${page.page}) is not a lazily loaded module.`);
        }
        withStaticImports(bundle, chunk.fileName, files);
      }
      const scripts = [...files].filter((file) => !loaded.has(file));
      const styles = [...stylesheetsOf(bundle, scripts)].filter((file) => !loadedStyles.has(file));
      const preload = [...scripts, ...styles].map((file) => `/${file}`);
      return { ...page, preload };
    }),
  };
}

const SESSION_PRELOAD = /<link rel="preload" href="\/api\/auth\/session"[^>]*>\n/;

/**
 * The data block and the script go right after the session's preload, before the stylesheet and the
 * app's scripts, so that the script is asked for among the first files (async: it blocks neither the
 * parser nor the first paint, and runs as soon as it is in).
 */
export function withEarlyScript(html: string, table: EarlyRequestTable, src: string): string {
  const preload = SESSION_PRELOAD.exec(html);
  if (!preload) throw new Error("early-requests: index.html has no preload of the session check.");
  const at = preload.index + preload[0].length;
  // `<` escaped: the JSON cannot end the element early.
  const json = JSON.stringify(table).replaceAll("<", "\\u003c");
  const tags =
    `    <script type="application/json" id="${DATA_ID}">${json}</script>\n` +
    `    <script async fetchpriority="high" src="${src}"></script>\n`;
  return `${html.slice(0, at)}${tags}${html.slice(at)}`;
}

export function earlyRequests(): Plugin {
  const source = earlyRequestsScript();
  const hash = createHash("sha256").update(source).digest("base64url").slice(0, 8);
  const fileName = `assets/early-requests-${hash}.js`;
  let root = process.cwd();
  return {
    name: "ipt:early-requests",
    apply: "build",
    configResolved(config) {
      root = config.root;
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName, source });
    },
    transformIndexHtml: {
      order: "post",
      handler(html, context) {
        // The app's page only: the sign-in and questionnaire pages load no app data.
        if (path.basename(context.filename) !== "index.html") return html;
        if (!context.bundle || !context.chunk) throw new Error("early-requests: no bundle to read.");
        const table = resolvePreloads(earlyRequestTable, context.bundle, context.chunk, root);
        return withEarlyScript(html, table, `/${fileName}`);
      },
    },
  };
}
