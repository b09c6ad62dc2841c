// Applies pending migrations from prisma/migrations as the schema's owner, then gives the app's role
// its rights again: `pnpm db:migrate`.
import { prepareSchema } from "../db/database";
import { openConfiguredDatabase } from "./database-url";

const { database, config } = await openConfiguredDatabase();
try {
  const applied = await prepareSchema(database, config.MIGRATIONS_DIR, true);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database schema is up to date.");
} finally {
  await database.close();
}
