import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { pageChunksStayLazy, sharedCodeGroups } from "./vite-plugins/chunks.ts";
import { earlyRequests } from "./vite-plugins/early-requests.ts";
import { precompress } from "./vite-plugins/precompress.ts";
import { stylesheetFirst } from "./vite-plugins/stylesheet-first.ts";

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// The API serves the built files from apps/web/dist in production (same origin, strict CSP:
// `script-src 'self'`, `style-src 'self'`), so nothing may be inlined into the HTML pages (the early
// requests' script is a file too).
export default defineConfig({
  plugins: [react(), earlyRequests(), stylesheetFirst(), pageChunksStayLazy(), precompress()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": { target: "http://localhost:3000", changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      "/api": { target: "http://localhost:3000", changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Never turn assets into data: URIs; the CSP allows only same-origin files.
    assetsInlineLimit: 0,
    rolldownOptions: {
      // Two pages: the app, and the sign-in page with only what signing in needs (served at /login,
      // docs/decisions/013).
      input: {
        app: page("index.html"),
        login: page("login.html"),
        // The client's questionnaire page (/q/<token>): no clinical app, no router (docs/decisions/016).
        questionnaire: page("questionnaire.html"),
      },
      output: {
        codeSplitting: {
          groups: [
            // Both pages' libraries, named for what they hold and cached across releases of our code.
            // React DOM's module body runs in this chunk's evaluation (src/lib/react-dom-early.ts).
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler)[\\/]|src[\\/]lib[\\/]react-dom-early\.ts$/,
              priority: 10,
            },
            // zod's settings run in zod's own chunk, so before any chunk that builds a schema.
            { name: "zod", test: /node_modules[\\/]zod[\\/]|src[\\/]lib[\\/]zod-config\.ts$/, priority: 10 },
            // Fewer, larger files for our code (./vite-plugins/chunks.ts); the libraries above come first.
            ...sharedCodeGroups(1),
          ],
        },
      },
    },
  },
});
