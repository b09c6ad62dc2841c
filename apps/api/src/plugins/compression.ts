// Compressed answers (brotli, else gzip) for clients that accept them. JSON from the API is compressed
// as it leaves; the web app's files were compressed at build time (.br and .gz beside each one, see
// apps/web/vite-plugins/precompress.ts) and web-app.ts serves those as they are. docs/decisions/013.
import fastifyCompress from "@fastify/compress";
import type { FastifyInstance } from "fastify";

/** Below about one kilobyte the encoding's own overhead and the CPU cost outweigh the bytes saved. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/** Must be registered before any route: it attaches itself to each route as the route is added. */
export async function registerCompression(app: FastifyInstance) {
  await app.register(fastifyCompress, {
    encodings: ["br", "gzip"],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    // Request bodies stay plain JSON: nothing of ours sends compressed ones, and inflating them would
    // let a small upload grow past what the body limit means to allow.
    globalDecompression: false,
  });
}
