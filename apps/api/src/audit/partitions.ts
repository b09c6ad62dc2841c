// The audit log's monthly partitions (docs/decisions/022). Creating one is DDL: only the owner's
// commands do it (`audit:partitions`, `audit:archive`), never a request, so the app can run as a role
// without DDL rights. Events of a month with no partition go to the DEFAULT partition, so no insert
// fails; audit_create_partition later moves them into their month.
import pg from "pg";

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2025-01" → the partition's name, audit_events_y2025m01. */
export function partitionName(month: string): string {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return `audit_events_y${match[1]}m${match[2]}`;
}

/** The months (YYYY-MM, UTC) from `from`'s month on, `count` of them. */
export function monthsFrom(from: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** Creates the partitions of the given months that do not exist yet; returns the names created. */
export async function createAuditPartitions(databaseUrl: string, months: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const created: string[] = [];
    for (const month of months) {
      partitionName(month); // refuses anything but YYYY-MM
      const { rows } = await client.query<{ name: string | null }>(
        `SELECT audit_create_partition($1::date) AS name`,
        [`${month}-01`],
      );
      if (rows[0]?.name) created.push(rows[0].name);
    }
    return created;
  } finally {
    await client.end();
  }
}
