// Serves the built single-page app on the same origin as the API, when it has been built.
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const HTML = ".html";

export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<boolean> {
  if (!existsSync(path.join(distDir, "index.html"))) return false;
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: "/",
    wildcard: false,
    index: false,
    // The build wrote a .br and a .gz beside each compressible file: send the one the browser
    // accepts (with Vary: Accept-Encoding), never compressing on the fly. They get no routes of their own.
    preCompressed: true,
    globIgnore: ["**/*.br", "**/*.gz"],
    // Hashed asset names never change content: cache them; everything else is revalidated.
    setHeaders: (res, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  // Pages with an HTML entry of their own (login.html: the sign-in page loads only what it needs)
  // answer at their path without the extension, as in Vite's dev server; every other page is the SPA.
  for (const page of readdirSync(distDir)) {
    if (!page.endsWith(HTML) || page === "index.html") continue;
    app.get(`/${page.slice(0, -HTML.length)}`, { config: { policy: "public" } }, (_request, reply) =>
      reply.sendFile(page),
    );
  }
  return true;
}
