// Applies pending migrations from prisma/migrations: `pnpm db:migrate`.
import { applyMigrations } from "../db/migrations";
import { openConfiguredDatabase } from "./database-url";

const { database, config } = await openConfiguredDatabase();
try {
  const applied = await applyMigrations(database.url, config.MIGRATIONS_DIR);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database schema is up to date.");
} finally {
  await database.close();
}
