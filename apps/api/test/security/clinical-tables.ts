// The tables that hold clinical records. The API never deletes from them (soft delete instead), and
// the migration `clinical_soft_delete` gives each a `<table>_no_delete` trigger refusing DELETE and
// TRUNCATE. Shared by the no-hard-delete proof and the schema agreement test.
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
