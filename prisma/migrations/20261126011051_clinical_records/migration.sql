-- CreateEnum
CREATE TYPE "ClientStatus" AS ENUM ('intake', 'active', 'completed', 'discontinued');

-- CreateEnum
CREATE TYPE "ClosenessRing" AS ENUM ('inner', 'middle', 'outer');

-- CreateEnum
CREATE TYPE "LifeEventKind" AS ENUM ('death', 'dispute', 'transition', 'other');

-- CreateEnum
CREATE TYPE "CourseFormat" AS ENUM ('standard', 'ipt_b', 'ipt_a');

-- CreateEnum
CREATE TYPE "Lineage" AS ENUM ('weissman', 'stuart');

-- CreateEnum
CREATE TYPE "CoursePhase" AS ENUM ('initial', 'middle', 'termination', 'completed');

-- CreateEnum
CREATE TYPE "ProblemArea" AS ENUM ('grief', 'role_dispute', 'role_transition', 'interpersonal_deficits');

-- CreateEnum
CREATE TYPE "DisputeStage" AS ENUM ('renegotiation', 'impasse', 'dissolution');

-- CreateEnum
CREATE TYPE "Frequency" AS ENUM ('weekly', 'fortnightly');

-- CreateEnum
CREATE TYPE "CourseOutcome" AS ENUM ('completed', 'discontinued');

-- CreateEnum
CREATE TYPE "NextStep" AS ENUM ('maintenance_offered', 'referral_offered', 'no_further_treatment');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('planned', 'held', 'cancelled', 'no_show');

-- CreateEnum
CREATE TYPE "SessionPhase" AS ENUM ('initial', 'middle', 'termination');

-- CreateEnum
CREATE TYPE "Technique" AS ENUM ('nondirective_exploration', 'direct_elicitation', 'encouragement_of_affect', 'clarification', 'communication_analysis', 'decision_analysis', 'role_play', 'therapeutic_relationship', 'directive_techniques', 'between_session_work');

-- CreateTable
CREATE TABLE "clients" (
    "id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "year_of_birth" INTEGER,
    "referral_reason" TEXT NOT NULL,
    "working_diagnosis" TEXT,
    "status" "ClientStatus" NOT NULL DEFAULT 'intake',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_people" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "ring" "ClosenessRing" NOT NULL,
    "positives" TEXT NOT NULL DEFAULT '',
    "negatives" TEXT NOT NULL DEFAULT '',
    "expectations" TEXT NOT NULL DEFAULT '',
    "changes_near_onset" TEXT NOT NULL DEFAULT '',
    "support" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "inventory_people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "life_events" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "person_id" UUID,
    "occurred_on" DATE NOT NULL,
    "kind" "LifeEventKind" NOT NULL,
    "description" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "life_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "courses" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "format" "CourseFormat" NOT NULL,
    "lineage" "Lineage" NOT NULL,
    "phase" "CoursePhase" NOT NULL DEFAULT 'initial',
    "planned_sessions" INTEGER NOT NULL,
    "frequency" "Frequency" NOT NULL DEFAULT 'weekly',
    "start_date" DATE NOT NULL,
    "session_minutes" INTEGER NOT NULL,
    "termination_lead" INTEGER NOT NULL DEFAULT 2,
    "diagnosis_named" BOOLEAN NOT NULL DEFAULT false,
    "sick_role_given" BOOLEAN NOT NULL DEFAULT false,
    "primary_area" "ProblemArea",
    "secondary_area" "ProblemArea",
    "dispute_stage" "DisputeStage",
    "sensitivity_modifier" BOOLEAN NOT NULL DEFAULT false,
    "formulation" TEXT,
    "formulation_agreed_on" DATE,
    "contract_agreed_on" DATE,
    "missed_session_policy" TEXT,
    "template_version" TEXT,
    "middle_started_at" TIMESTAMPTZ(3),
    "termination_raised_at" TIMESTAMPTZ(3),
    "progress_reviewed" BOOLEAN NOT NULL DEFAULT false,
    "gains_credited" BOOLEAN NOT NULL DEFAULT false,
    "feelings_discussed" BOOLEAN NOT NULL DEFAULT false,
    "relapse_plan" TEXT,
    "next_step" "NextStep",
    "outcome" "CourseOutcome",
    "outcome_reason" TEXT,
    "ended_on" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "courses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "problem_area_changes" (
    "id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "changed_by_id" UUID NOT NULL,
    "from_primary" "ProblemArea",
    "to_primary" "ProblemArea" NOT NULL,
    "from_secondary" "ProblemArea",
    "to_secondary" "ProblemArea",
    "from_stage" "DisputeStage",
    "to_stage" "DisputeStage",
    "reason" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "problem_area_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_changes" (
    "id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "changed_by_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "therapy_sessions" (
    "id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "number" INTEGER,
    "created_order" INTEGER NOT NULL,
    "planned_date" DATE NOT NULL,
    "phase" "SessionPhase",
    "slot" TEXT,
    "status" "SessionStatus" NOT NULL DEFAULT 'planned',
    "agenda" JSONB NOT NULL DEFAULT '[]',
    "techniques" "Technique"[] DEFAULT ARRAY[]::"Technique"[],
    "incident" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "between_session_work" TEXT NOT NULL DEFAULT '',
    "next_focus" TEXT NOT NULL DEFAULT '',
    "cancel_reason" TEXT,
    "signed_at" TIMESTAMPTZ(3),
    "signed_by_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "therapy_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_amendments" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_amendments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "clients_therapist_id_status_idx" ON "clients"("therapist_id", "status");

-- CreateIndex
CREATE INDEX "inventory_people_client_id_idx" ON "inventory_people"("client_id");

-- CreateIndex
CREATE INDEX "life_events_client_id_occurred_on_idx" ON "life_events"("client_id", "occurred_on");

-- CreateIndex
CREATE INDEX "courses_client_id_idx" ON "courses"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "courses_client_id_sequence_key" ON "courses"("client_id", "sequence");

-- CreateIndex
CREATE INDEX "problem_area_changes_course_id_changed_at_idx" ON "problem_area_changes"("course_id", "changed_at");

-- CreateIndex
CREATE INDEX "plan_changes_course_id_changed_at_idx" ON "plan_changes"("course_id", "changed_at");

-- CreateIndex
CREATE INDEX "therapy_sessions_course_id_planned_date_idx" ON "therapy_sessions"("course_id", "planned_date");

-- CreateIndex
CREATE UNIQUE INDEX "therapy_sessions_course_id_created_order_key" ON "therapy_sessions"("course_id", "created_order");

-- CreateIndex
CREATE INDEX "session_amendments_session_id_created_at_idx" ON "session_amendments"("session_id", "created_at");

-- AddForeignKey
ALTER TABLE "clients" ADD CONSTRAINT "clients_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_people" ADD CONSTRAINT "inventory_people_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "life_events" ADD CONSTRAINT "life_events_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "life_events" ADD CONSTRAINT "life_events_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "inventory_people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem_area_changes" ADD CONSTRAINT "problem_area_changes_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "problem_area_changes" ADD CONSTRAINT "problem_area_changes_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapy_sessions" ADD CONSTRAINT "therapy_sessions_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapy_sessions" ADD CONSTRAINT "therapy_sessions_signed_by_id_fkey" FOREIGN KEY ("signed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_amendments" ADD CONSTRAINT "session_amendments_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "therapy_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_amendments" ADD CONSTRAINT "session_amendments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- Amendments to signed session records are never rewritten: the database refuses UPDATE.
-- (Deletion stays possible only through the cascade from the session.)
CREATE FUNCTION "session_amendments_refuse_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'session_amendments is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "session_amendments_no_update"
  BEFORE UPDATE ON "session_amendments"
  FOR EACH ROW EXECUTE FUNCTION "session_amendments_refuse_update"();
