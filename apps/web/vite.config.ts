import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API serves the built files from apps/web/dist in production (same origin, strict CSP:
// `script-src 'self'`, `style-src 'self'`), so nothing may be inlined into index.html.
export default defineConfig({
  plugins: [react()],
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
  },
});
