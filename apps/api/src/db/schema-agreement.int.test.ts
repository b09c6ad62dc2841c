// prisma/schema.prisma and prisma/migrations must build the same database. Prisma's own engine (the
// WebAssembly one, via @ipt/migration-tools) prints the SQL for the schema; that SQL and the
// migrations are applied to two empty databases, and their catalogs are compared.
import { readRepoSchema, sqlForSchema } from "@ipt/migration-tools";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase } from "../../test/helpers/database";
import { CLINICAL_TABLES, noDeleteTrigger } from "../../test/security/clinical-tables";
import { repoRoot } from "../config/config";
import { applyMigrations } from "./migrations";

const PRISMA_TIMEOUT_MS = 90_000;
const migrationsDir = path.join(repoRoot, "prisma", "migrations");

/** Objects the migrations add on purpose that Prisma does not model: the applier's bookkeeping, the
 * append-only and no-delete triggers, the audit hash chain and its sealer's head (a one-row table
 * with a CHECK), the audit log's monthly partitions (Prisma sees the partitioned parent only;
 * partitions are left out of every section below), and the CHECKs that a supervision record, a
 * co-signature, an acknowledgement or a safety follow-up's supervisor names one author, local or imported (docs/decisions/018). Nothing else may differ. */
const NOT_MODELLED = {
  tables: ["_prisma_migrations", "audit_chain_head"],
  constraints: [
    "review_threads_one_opener",
    "review_messages_one_author",
    "fidelity_ratings_one_rater",
    "cosignatures_one_supervisor",
    "risk_flags_one_acknowledger",
    "safety_follow_ups_one_supervisor",
  ],
  functions: [
    "audit_events_refuse_change",
    "session_amendments_refuse_update",
    "clinical_append_only_refuse_update",
    "audit_event_payload",
    "audit_events_insert_unsealed",
    "audit_events_seal_once",
    "audit_chain_head_refuse_direct_update",
    "audit_create_partition",
    "audit_seal",
    "clinical_refuse_delete",
  ],
  triggers: [
    "audit_events_insert_unsealed",
    "audit_events_seal_once",
    "audit_events_no_delete",
    "audit_events_no_truncate",
    "audit_chain_head_sealing_only",
    "audit_chain_head_no_delete",
    "audit_archives_no_update_or_delete",
    "audit_archives_no_truncate",
    "session_amendments_no_update",
    "measure_scores_no_update",
    "safety_follow_ups_no_update",
    "review_messages_no_update",
    "cosignatures_no_update",
    "outreach_attempts_no_update",
    "group_attendance_no_update",
    ...CLINICAL_TABLES.map(noDeleteTrigger),
  ],
};

type Catalog = Record<string, string[]>;

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const line = (row: Record<string, unknown>) =>
  Object.entries(row)
    .map(([key, value]) => `${key}=${value === null ? "∅" : String(value as string | number | boolean)}`)
    .join(" ");

/** Partitions (of the audit log) are the database's storage, not the model: left out everywhere. */
const notModelledTables =
  `SELECT unnest(ARRAY[${NOT_MODELLED.tables.map((t) => `'${t}'`).join(", ")}]) ` +
  `UNION ALL SELECT relname::text FROM pg_class WHERE relispartition`;

/** Everything about the public schema that a migration can change, one sorted line per object. */
async function catalogOf(url: string): Promise<Catalog> {
  const sections: Record<string, string> = {
    tables: `SELECT table_name FROM information_schema.tables
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN (${notModelledTables})`,
    // Column order is left out on purpose: a migration adds a column at the end of its table.
    columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
                     character_maximum_length, numeric_precision, numeric_scale, datetime_precision
              FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name NOT IN (${notModelledTables})`,
    // A partitioned table's index reads "ON ONLY table": the same index as Prisma's on a plain table.
    indexes: `SELECT tablename, indexname, replace(indexdef, ' ON ONLY ', ' ON ') AS indexdef FROM pg_indexes
              WHERE schemaname = 'public' AND tablename NOT IN (${notModelledTables})`,
    constraints: `SELECT rel.relname AS table_name, con.conname, con.contype, pg_get_constraintdef(con.oid) AS definition
                  FROM pg_constraint con
                  JOIN pg_class rel ON rel.oid = con.conrelid
                  JOIN pg_namespace ns ON ns.oid = rel.relnamespace
                  WHERE ns.nspname = 'public' AND rel.relname NOT IN (${notModelledTables})`,
    enums: `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
            FROM pg_type t
            JOIN pg_enum e ON e.enumtypid = t.oid
            JOIN pg_namespace ns ON ns.oid = t.typnamespace
            WHERE ns.nspname = 'public'
            GROUP BY t.typname`,
    sequences: `SELECT sequence_name, data_type, start_value, increment, maximum_value, cycle_option
                FROM information_schema.sequences WHERE sequence_schema = 'public'`,
    functions: `SELECT p.proname FROM pg_proc p JOIN pg_namespace ns ON ns.oid = p.pronamespace
                WHERE ns.nspname = 'public'`,
    triggers: `SELECT tgrelid::regclass::text AS table_name, tgname FROM pg_trigger t
               WHERE NOT tgisinternal AND NOT (SELECT relispartition FROM pg_class WHERE oid = t.tgrelid)`,
  };
  const catalog: Catalog = {};
  for (const [section, sql] of Object.entries(sections)) {
    catalog[section] = (await query(url, sql)).map(line).sort();
  }
  catalog.functions = catalog.functions!.filter(
    (l) => !NOT_MODELLED.functions.some((f) => l === `proname=${f}`),
  );
  catalog.constraints = catalog.constraints!.filter(
    (l) => !NOT_MODELLED.constraints.some((c) => l.includes(` conname=${c} contype=c `)),
  );
  catalog.triggers = catalog.triggers!.filter(
    (l) => !NOT_MODELLED.triggers.some((t) => l.endsWith(`tgname=${t}`)),
  );
  return catalog;
}

/** A readable diff: one line per object found on only one side. Empty when the catalogs agree. */
function catalogDiff(fromSchema: Catalog, fromMigrations: Catalog): string[] {
  const out: string[] = [];
  for (const section of Object.keys({ ...fromSchema, ...fromMigrations })) {
    const a = new Set(fromSchema[section] ?? []);
    const b = new Set(fromMigrations[section] ?? []);
    for (const item of a) if (!b.has(item)) out.push(`${section}: only in schema.prisma:  ${item}`);
    for (const item of b) if (!a.has(item)) out.push(`${section}: only in migrations:     ${item}`);
  }
  return out;
}

async function databaseFromSql(sql: string): Promise<string> {
  const db = await createEmptyDatabase();
  await query(db.url, sql);
  return db.url;
}

let schemaSql = "";
let migrationsCatalog: Catalog = {};

beforeAll(async () => {
  const scratch = await createEmptyDatabase();
  const migrated = await createEmptyDatabase();
  [schemaSql] = await Promise.all([
    sqlForSchema(await readRepoSchema(), scratch.url),
    applyMigrations(migrated.url, migrationsDir),
  ]);
  migrationsCatalog = await catalogOf(migrated.url);
}, PRISMA_TIMEOUT_MS);

describe("schema.prisma and the migrations", () => {
  it(
    "build the same tables, columns, indexes, constraints and enums",
    async () => {
      expect(schemaSql).toMatch(/CREATE TABLE "users"/);
      const schemaCatalog = await catalogOf(await databaseFromSql(schemaSql));

      const diff = catalogDiff(schemaCatalog, migrationsCatalog);

      expect(diff, `schema.prisma and prisma/migrations disagree:\n${diff.join("\n")}`).toEqual([]);
      // The comparison saw the whole model, not an empty catalog.
      expect(schemaCatalog.tables).toEqual([
        "table_name=audit_archives",
        "table_name=audit_events",
        "table_name=audit_refusal_windows",
        "table_name=calendar_feeds",
        "table_name=caseload_access_changes",
        "table_name=clients",
        "table_name=cosignatures",
        "table_name=course_summaries",
        "table_name=courses",
        "table_name=fidelity_ratings",
        "table_name=group_attendance",
        "table_name=idempotency_keys",
        "table_name=inventory_people",
        "table_name=known_devices",
        "table_name=life_events",
        "table_name=login_sessions",
        "table_name=measure_scores",
        "table_name=organisation_settings",
        "table_name=outreach_attempts",
        "table_name=plan_changes",
        "table_name=problem_area_changes",
        "table_name=questionnaire_dispatches",
        "table_name=questionnaire_links",
        "table_name=recovery_codes",
        "table_name=review_messages",
        "table_name=review_threads",
        "table_name=risk_flags",
        "table_name=safety_follow_ups",
        "table_name=server_keys",
        "table_name=session_amendments",
        "table_name=sign_in_settings",
        "table_name=sign_in_throttles",
        "table_name=supervision_assignments",
        "table_name=therapy_group_sessions",
        "table_name=therapy_groups",
        "table_name=therapy_sessions",
        "table_name=totp_factors",
        "table_name=users",
        "table_name=webauthn_challenges",
        "table_name=webauthn_credentials",
      ]);
      expect(schemaCatalog.enums).toHaveLength(33);
      expect(schemaCatalog.columns!.length).toBeGreaterThan(30);
    },
    PRISMA_TIMEOUT_MS,
  );

  it("the migrations hold the append-only and no-delete triggers that the comparison leaves out", async () => {
    const migrated = await createEmptyDatabase();
    await applyMigrations(migrated.url, migrationsDir);
    const triggers = (
      await query(
        migrated.url,
        `SELECT tgname FROM pg_trigger t
          WHERE NOT tgisinternal AND NOT (SELECT relispartition FROM pg_class WHERE oid = t.tgrelid)
          ORDER BY tgname`,
      )
    ).map((r) => r.tgname);
    expect(triggers).toEqual([...NOT_MODELLED.triggers].sort());
  });
});

describe("the agreement check", () => {
  it(
    "notices a column the migrations have and the schema does not",
    async () => {
      const withoutColumn = schemaSql.replace(/^\s*"user_agent" TEXT,\n/m, "");
      expect(withoutColumn).not.toBe(schemaSql);

      const diff = catalogDiff(await catalogOf(await databaseFromSql(withoutColumn)), migrationsCatalog);

      expect(diff).toEqual([
        expect.stringMatching(
          /^columns: only in migrations: +table_name=login_sessions column_name=user_agent /,
        ),
      ]);
    },
    PRISMA_TIMEOUT_MS,
  );

  it(
    "notices a changed default, a missing index and a reordered enum",
    async () => {
      const edited = schemaSql
        .replace(`"refusals" INTEGER NOT NULL DEFAULT 1`, `"refusals" INTEGER NOT NULL DEFAULT 2`)
        .replace(/^CREATE INDEX "login_sessions_expires_at_idx".*$/m, "")
        .replace(`('success', 'failure', 'denied')`, `('failure', 'success', 'denied')`);

      const diff = catalogDiff(await catalogOf(await databaseFromSql(edited)), migrationsCatalog).join("\n");

      expect(diff).toMatch(/columns: only in schema\.prisma: .*column_name=refusals .*column_default=2/);
      expect(diff).toMatch(/indexes: only in migrations: .*login_sessions_expires_at_idx/);
      expect(diff).toMatch(
        /enums: only in schema\.prisma: .*typname=AuditOutcome labels=failure,success,denied/,
      );
    },
    PRISMA_TIMEOUT_MS,
  );
});
