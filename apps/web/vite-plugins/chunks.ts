// Chunk groups for the app's own code (vite.config.ts), so that a page loads a few files instead of a
// few dozen: in Lighthouse's mobile simulation (and on a phone over HTTP/1.1) each file costs a round
// trip on one of six connections, and each a few tasks of the main thread (docs/benchmarks.md, "Page
// weight and Lighthouse").
//
// - Our module that an HTML entry (app, login, questionnaire) imports statically goes into one chunk per
//   set of entries that import it ("entry-app", "entry-app-login", ...): the sign-in page still loads
//   only what it imports, and the app's entry 10 files instead of 15.
// - Our module that only lazily loaded pages import, four or more of them, goes into "pages": one file
//   for the code the pages share (a page loads some it does not use, for far fewer files: the course
//   page 19 files instead of 44).
// - The course page's own code goes into one "page-course" chunk (PAGE_FAMILIES), and the contracts
//   only pages use into "pages" (CONTRACTS_OF_PAGES): the course page loads 5 files of its own instead
//   of 13, the session and caseload pages 4 instead of 7 (docs/benchmarks.md).
// - The rest is left to the bundler: a page's own code, a library only pages use (the charts), and the
//   contracts (packages/shared), which are imported through their package's index: the import graph
//   says every entry imports every area, while the bundler keeps only what each entry uses.
import path from "node:path";
import type { Plugin, Rollup } from "vite";

interface ModuleInfoLike {
  isEntry: boolean;
  importers: readonly string[];
  dynamicImporters: readonly string[];
}
interface ChunkingContextLike {
  getModuleInfo(id: string): ModuleInfoLike | null;
}

const NODE_MODULES = /[\\/]node_modules[\\/]/;
const SHARED = /[\\/]packages[\\/]shared[\\/]/;

/** Walks the static importers of `id` (breadth first, each module once) and collects what `pick` finds. */
function reachingFrom(
  id: string,
  ctx: ChunkingContextLike,
  pick: (moduleId: string, info: ModuleInfoLike) => string | null,
): ReadonlySet<string> {
  const found = new Set<string>();
  const seen = new Set([id]);
  const queue = [id];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const info = ctx.getModuleInfo(next);
    if (!info) continue;
    const picked = pick(next, info);
    if (picked) found.add(picked);
    for (const importer of info.importers) {
      // Not through the contracts' package (see chunkOf): a library it imports stays the bundler's.
      if (!seen.has(importer) && !SHARED.test(importer)) {
        seen.add(importer);
        queue.push(importer);
      }
    }
  }
  return found;
}

/** The HTML entries that import `id` through static imports only. */
const entriesOf = (id: string, ctx: ChunkingContextLike) =>
  reachingFrom(id, ctx, (moduleId, info) =>
    info.isEntry
      ? path
          .basename(moduleId)
          .replace(/\.html$/, "")
          .replace(/^index$/, "app")
      : null,
  );

/** The lazily loaded modules (route pages) whose static imports reach `id`. */
const lazyRootsOf = (id: string, ctx: ChunkingContextLike) =>
  reachingFrom(id, ctx, (moduleId, info) => (info.dynamicImporters.length > 0 ? moduleId : null));

/**
 * How many lazily loaded pages must share a module for it to go into "pages". Measured (the
 * caseload, course and session pages' scripts, files and brotli kB, against 25/166, 44/187, 32/173
 * before): 2 gave 19/192, 19/196, 19/194; 3 gave 17/183, 21/193, 16/185; 4 gives 15/176, 19/186,
 * 14/177; 5 gave 16/173, 22/186, 14/173.
 */
const PAGES_SHARED_BY = 4;

/** The libraries with groups of their own (vite.config.ts). */
const OWN_GROUP =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|zod)[\\/]|src[\\/]lib[\\/](zod-config|react-dom-early)\.ts$/;

/**
 * Pages opened often from a link, with their route modules (src/app/early-requests-table.ts): the code
 * that only they and a few other lazy pages use goes into one chunk per page, so that the page loads
 * one file of its own instead of one per module set (the course page: eight). A page of another
 * family that shares one of these modules loads the chunk too (a few kB more for it, one file). The
 * session page needs none: its own modules already make one chunk (session-record's).
 */
export const PAGE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  course: ["src/app/routes/course/course-layout.tsx", "src/app/routes/course/course-overview.tsx"],
};

/**
 * Contracts' modules (and the library one of them wraps) that only lazy pages use, with the chunk they
 * go into. The import graph cannot tell (every area is imported through the package's index, see
 * chunkOf), so they are named here; the build fails if an HTML entry's scripts would import one of
 * these chunks (pageChunksStayLazy below), e.g. once the sign-in page used one of these modules.
 */
const CONTRACTS_OF_PAGES: readonly (readonly [RegExp, string])[] = [
  [/[\\/]packages[\\/]shared[\\/]src[\\/]dates[\\/]zone\.ts$/, "pages"],
  [/[\\/]node_modules[\\/]@date-fns[\\/]tz[\\/]/, "pages"],
  [/[\\/]packages[\\/]shared[\\/]src[\\/]ipt[\\/](formats|guidance|grief)\.ts$/, "pages"],
  [/[\\/]packages[\\/]shared[\\/]src[\\/](ipt[\\/]plan|measures[\\/]alerts)\.ts$/, "page-course"],
];

const normalised = (id: string) => id.split(path.sep).join("/");

/** The family whose route modules' static imports reach `id`, if any (the first in PAGE_FAMILIES). */
function familyOf(id: string, ctx: ChunkingContextLike): string | null {
  const roots = [...lazyRootsOf(id, ctx)].map(normalised);
  for (const [family, modules] of Object.entries(PAGE_FAMILIES)) {
    if (modules.some((module) => roots.some((root) => root.endsWith(`/apps/web/${module}`)))) return family;
  }
  return null;
}

/** The chunk a module belongs in, or null to leave it to the bundler. */
function chunkOf(id: string, ctx: ChunkingContextLike): string | null {
  const named = CONTRACTS_OF_PAGES.find(([pattern]) => pattern.test(id));
  if (named) return named[1];
  // The contracts are imported through their package's index, which re-exports every area: the
  // import graph says every entry imports all of them, while the bundler keeps only what each uses.
  if (OWN_GROUP.test(id) || SHARED.test(id) || ctx.getModuleInfo(id)?.isEntry) return null;
  const entries = entriesOf(id, ctx);
  if (entries.size > 0) return `entry-${[...entries].sort().join("-")}`;
  // Libraries only lazy pages use (the charts) stay with the pages that use them.
  if (NODE_MODULES.test(id)) return null;
  if (lazyRootsOf(id, ctx).size >= PAGES_SHARED_BY) return "pages";
  const family = familyOf(id, ctx);
  return family ? `page-${family}` : null;
}

const ENTRIES = ["app", "login", "questionnaire"] as const;

/** Every non-empty set of the HTML entries, largest first. */
function entrySets(): string[][] {
  const sets: string[][] = [];
  for (let mask = 1; mask < 1 << ENTRIES.length; mask++) {
    sets.push(ENTRIES.filter((_, bit) => mask & (1 << bit)));
  }
  return sets.sort((a, b) => b.length - a.length);
}

/**
 * The groups for vite.config.ts's `codeSplitting.groups`. A group takes the modules it captures and
 * their dependencies, so the modules shared by more entries are captured first (a higher priority):
 * a dependency is imported by at least the entries that import its importer.
 */
export function sharedCodeGroups(basePriority: number) {
  const only = (name: string) => (id: string, ctx: ChunkingContextLike) =>
    chunkOf(id, ctx) === name ? name : null;
  const sets = entrySets();
  return [
    ...sets.map((set) => ({
      name: only(`entry-${set.join("-")}`),
      priority: basePriority + set.length,
      includeDependenciesRecursively: false,
    })),
    { name: only("pages"), priority: basePriority, includeDependenciesRecursively: false },
    ...Object.keys(PAGE_FAMILIES).map((family) => ({
      name: only(`page-${family}`),
      priority: basePriority,
      includeDependenciesRecursively: false,
    })),
  ];
}

type OutputBundle = Rollup.OutputBundle;
const isChunk = (output: OutputBundle[string] | undefined): output is Rollup.OutputChunk =>
  output?.type === "chunk";

/**
 * Fails the build when an HTML entry's scripts import a chunk meant for lazy pages only ("pages",
 * "page-*"): the sign-in page would load the pages' code (its budget, docs/decisions/013), and the app's
 * entry would wait for it.
 */
export function pageChunksStayLazy(): Plugin {
  return {
    name: "ipt:page-chunks-stay-lazy",
    apply: "build",
    generateBundle(_options, bundle) {
      for (const entry of Object.values(bundle).filter(isChunk)) {
        if (!entry.isEntry) continue;
        const seen = new Set<string>();
        const queue = [entry.fileName];
        for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
          const chunk = bundle[file];
          if (!isChunk(chunk)) continue;
          if (chunk !== entry && /^(pages|page-.+)$/.test(chunk.name)) {
            this.error(
              `chunks: the entry ${entry.name} imports ${chunk.fileName}, a chunk for lazy pages only.`,
            );
          }
          for (const imported of chunk.imports) {
            if (!seen.has(imported)) {
              seen.add(imported);
              queue.push(imported);
            }
          }
        }
      }
    },
  };
}
