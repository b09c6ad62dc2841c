// Prisma 6.19's CLI can run its schema engine as WebAssembly through a driver adapter
// (`engine: "js"`), which needs no native download. Prisma 7 removed that option, so this package
// pins Prisma 6 for diffing only; the app itself uses Prisma 7.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: process.env.MIGRATION_TOOLS_SCHEMA ?? "../../prisma/schema.prisma",
  // allowExitOnIdle: the CLI never closes the pool; without it the process idles 10 s before exiting.
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "", allowExitOnIdle: true }),
});
