// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of the build, at the
// highest levels (too slow per request, free once at build time). The API sends the copy a browser
// accepts, as it is (@fastify/static `preCompressed`, apps/api/src/plugins/web-app.ts).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(?:html|js|css|svg|json|txt)$/;
/** The API's own threshold: smaller files gain too little to be worth a variant. */
const MIN_BYTES = 1024;

export function precompress(): Plugin {
  return {
    name: "ipt:precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const outDir = options.dir;
      if (!outDir) throw new Error("precompress: the build has no output folder.");
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name);
          const content = await readFile(file);
          if (content.length < MIN_BYTES) return;
          const brotli = brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          });
          await writeFile(`${file}.br`, brotli);
          await writeFile(`${file}.gz`, gzipSync(content, { level: constants.Z_BEST_COMPRESSION }));
        }),
      );
    },
  };
}
