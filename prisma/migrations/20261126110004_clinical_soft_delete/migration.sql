-- AlterTable
ALTER TABLE "inventory_people" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "life_events" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "therapy_sessions" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);


-- Clinical records are never removed: the API soft-deletes (deleted_at) the few it lets a therapist
-- remove, and the database refuses DELETE and TRUNCATE on every clinical table, also when a delete
-- would cascade from a parent row. Statement-level, so even a DELETE that matches no row is refused.
CREATE FUNCTION "clinical_refuse_delete"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% keeps its rows: % refused (clinical records are soft-deleted)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "clients_no_delete"
  BEFORE DELETE OR TRUNCATE ON "clients"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "inventory_people_no_delete"
  BEFORE DELETE OR TRUNCATE ON "inventory_people"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "life_events_no_delete"
  BEFORE DELETE OR TRUNCATE ON "life_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "courses_no_delete"
  BEFORE DELETE OR TRUNCATE ON "courses"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "problem_area_changes_no_delete"
  BEFORE DELETE OR TRUNCATE ON "problem_area_changes"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "plan_changes_no_delete"
  BEFORE DELETE OR TRUNCATE ON "plan_changes"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "therapy_sessions_no_delete"
  BEFORE DELETE OR TRUNCATE ON "therapy_sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "session_amendments_no_delete"
  BEFORE DELETE OR TRUNCATE ON "session_amendments"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "measure_scores_no_delete"
  BEFORE DELETE OR TRUNCATE ON "measure_scores"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "risk_flags_no_delete"
  BEFORE DELETE OR TRUNCATE ON "risk_flags"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "safety_follow_ups_no_delete"
  BEFORE DELETE OR TRUNCATE ON "safety_follow_ups"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "fidelity_ratings_no_delete"
  BEFORE DELETE OR TRUNCATE ON "fidelity_ratings"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "review_threads_no_delete"
  BEFORE DELETE OR TRUNCATE ON "review_threads"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "review_messages_no_delete"
  BEFORE DELETE OR TRUNCATE ON "review_messages"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "cosignatures_no_delete"
  BEFORE DELETE OR TRUNCATE ON "cosignatures"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();
