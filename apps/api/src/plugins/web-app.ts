// Serves the built single-page app on the same origin as the API, when it has been built.
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { existsSync } from "node:fs";
import path from "node:path";

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
  // The sign-in page has an HTML entry of its own (it loads only what signing in needs). Someone
  // already signed in is sent on to the app, whose home page knows where their role starts; a session
  // still waiting for its second factor gets the page (signing in again starts over).
  app.get("/login", { config: { policy: "public", readsSession: true } }, (request, reply) =>
    request.principal && !request.principal.secondFactorPending
      ? reply.header("cache-control", "no-store").redirect("/", 303)
      : reply.sendFile("login.html"),
  );
  // The client's questionnaire page (its own small entry, no clinical app): the token in the path is
  // read by the page itself. No referrer leaves it, so the token never reaches another site.
  app.get("/q/:token", { config: { policy: "public" } }, (_request, reply) =>
    reply
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer")
      .sendFile("questionnaire.html"),
  );
  return true;
}
