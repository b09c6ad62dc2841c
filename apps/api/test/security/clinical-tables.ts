// The tables that hold clinical records. The API never deletes from them (soft delete instead), and
// the migration `clinical_soft_delete` gives each a `<table>_no_delete` trigger refusing DELETE and
// TRUNCATE. Shared by the no-hard-delete proof, the matrix walk (which checks every call's SQL with
// `clinicalDeletesIn`) and the schema agreement test.
export const CLINICAL_TABLES = [
  "clients",
  "inventory_people",
  "life_events",
  "courses",
  "problem_area_changes",
  "plan_changes",
  "therapy_sessions",
  "session_amendments",
  "measure_scores",
  "risk_flags",
  "safety_follow_ups",
  "fidelity_ratings",
  "review_threads",
  "review_messages",
  "cosignatures",
  "outreach_attempts",
  "therapy_groups",
  "therapy_group_sessions",
  "group_attendance",
] as const;

export const noDeleteTrigger = (table: string) => `${table}_no_delete`;

// `DELETE FROM "public"."therapy_sessions"` (Prisma), `delete from clients`, `TRUNCATE a, "courses"`.
const TABLE = String.raw`(?<![\w$])(?:"?public"?\s*\.\s*)?"?(${CLINICAL_TABLES.join("|")})"?(?![\w$])`;
const DELETE_FROM = new RegExp(String.raw`\bDELETE\s+FROM\s+(?:ONLY\s+)?${TABLE}`, "gi");
const TRUNCATE = /\bTRUNCATE\b([^;]*)/gi;

/** The clinical tables a statement deletes from or truncates. */
export function clinicalDeletesIn(sql: string): string[] {
  const found = [...sql.matchAll(DELETE_FROM)].map((match) => match[1]!.toLowerCase());
  for (const [, tables] of sql.matchAll(TRUNCATE)) {
    for (const match of tables!.matchAll(new RegExp(TABLE, "gi"))) found.push(match[1]!.toLowerCase());
  }
  return found;
}
