// Prisma CLI configuration (Prisma 7): schema and migrations live in the repository's prisma/ folder.
// `prisma migrate deploy` works where the native engine can be installed; on machines without it,
// apps/api applies the same migrations itself (docs/decisions/001-migrations-without-the-native-engine.md).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
