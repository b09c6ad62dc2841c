// The command-line tools use the same database the server would: DATABASE_URL or the embedded one.
import { loadConfig, loadDotEnv } from "../config/config";
import { openDatabase, type Database } from "../db/database";

export async function openConfiguredDatabase(): Promise<{
  database: Database;
  config: ReturnType<typeof loadConfig>;
}> {
  loadDotEnv();
  const config = loadConfig();
  const database = await openDatabase(config, (message) => console.error(message));
  return { database, config };
}
